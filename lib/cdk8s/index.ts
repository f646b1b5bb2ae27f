// cdk8s engine: constructs over the framework-neutral core. The core is re-exported so one
// import serves a cdk8s user.
export * from './managed-cluster';
export * from '../core';
