// A consumer of the packed package, written as `pulumi new typescript` would have it
// (tsconfig.json is the template's: module/moduleResolution nodenext).
import { ManagedCluster, WorkerPool } from 'capi-constructs/pulumi';

export const cluster = new ManagedCluster('dev', { version: 'v1.34.1', infrastructure: { dev: {} }, controlPlane: { replicas: 1 } });
export const extra = new WorkerPool('extra', { cluster, replicas: 1 });
