// Pulumi engine: components over the framework-neutral core. @pulumi/* are optional peer
// dependencies, imported only below lib/pulumi.
export * from './managed-cluster';
export * from './aws';
