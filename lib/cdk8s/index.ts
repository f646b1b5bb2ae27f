// cdk8s engine: constructs over the framework-neutral core (specs and rendering come from
// `capi-constructs`).
export * from './managed-cluster';
