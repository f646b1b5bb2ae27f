// The package root exports the framework-neutral core. The engines live at
// `capi-constructs/cdk8s` and `capi-constructs/pulumi`, so neither is forced on a user.
export * from './core';
export * from './plan';
