// Pulumi engine: components over the framework-neutral core. @pulumi/pulumi and
// @pulumi/kubernetes are optional peer dependencies, imported only below lib/pulumi. The AWS
// prerequisites (which need @pulumi/aws) are a separate entry point: `capi-constructs/pulumi/aws`.
export * from './managed-cluster';
export * from './worker-pool';
