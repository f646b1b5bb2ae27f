import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ManagedClusterSpec, ObjectOverride, WorkerPoolSpec } from '../core';

/**
 * What a WorkerPool and the ControlPlane need of the ManagedCluster they belong to (a
 * ManagedCluster is one). A file of its own so that the pool and the control plane do not import
 * the cluster that creates them.
 */
export interface IManagedCluster extends IConstruct {
  /** Name of the Cluster object. */
  readonly clusterName: string;
  /** Namespace of the cluster's objects. */
  readonly namespace: string;
  /** The complete plain-data spec the cluster renders. */
  toSpec(): ManagedClusterSpec;
  /** @internal */
  _addObject(scope: Construct, id: string, role: string): ApiObject;
  /** @internal */
  _override(override: ObjectOverride): void;
  /** @internal */
  _checkPool(pool: WorkerPoolSpec): void;
  /** @internal */
  _addPool(pool: { toSpec(): WorkerPoolSpec }): void;
}

const MANAGED_CLUSTER_SYMBOL = Symbol.for('capi-constructs.cdk8s.ManagedCluster');

/** Marks a construct as a ManagedCluster. @internal */
export function markManagedCluster(cluster: IManagedCluster): void {
  Object.defineProperty(cluster, MANAGED_CLUSTER_SYMBOL, { value: true });
}

/** True for a ManagedCluster, also across copies of this package. */
export function isManagedCluster(x: unknown): x is IManagedCluster {
  return typeof x === 'object' && x !== null && MANAGED_CLUSTER_SYMBOL in x;
}
