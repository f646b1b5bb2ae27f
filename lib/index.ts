// The package root: the framework-neutral API (specs, validation, rendering, providers, plan,
// readers). The engines live at `capi-constructs/cdk8s` and `capi-constructs/pulumi`, so neither
// is forced on a user.
export * from './capi';
export * from './support';
export * from './core';
export * from './providers';
export * from './plan';
export * from './io';
