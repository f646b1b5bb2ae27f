import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CONTROL_PLANE_ROLES } from '../core';
import { IManagedCluster } from './cluster-scope';

/**
 * The control plane of a ManagedCluster: its KubeadmControlPlane (also `node.defaultChild`),
 * its machine template and, when `controlPlane.healthCheck` is set, its MachineHealthCheck.
 * Exactly one per cluster, created by the cluster: reach it as `cluster.controlPlane`. Its
 * settings are the cluster's `controlPlane` props.
 */
export class ControlPlane extends Construct {
  /** The `KubeadmControlPlane` object. */
  public readonly kubeadmControlPlane: ApiObject;
  /** The provider's machine template of the control-plane machines (its name carries a spec hash). */
  public readonly machineTemplate: ApiObject;
  /** The MachineHealthCheck of the control-plane machines, when `controlPlane.healthCheck` is set. */
  public readonly healthCheck?: ApiObject;

  /** @internal Created by ManagedCluster. */
  constructor(private readonly cluster: IManagedCluster, id: string) {
    super(cluster, id);
    this.machineTemplate = cluster._addObject(this, 'MachineTemplate', CONTROL_PLANE_ROLES.machineTemplate);
    this.kubeadmControlPlane = cluster._addObject(this, 'Resource', CONTROL_PLANE_ROLES.kubeadmControlPlane);
    if (cluster.toSpec().controlPlane?.healthCheck) this.healthCheck = cluster._addObject(this, 'HealthCheck', CONTROL_PLANE_ROLES.healthCheck);
  }

  /**
   * Overrides one field of the KubeadmControlPlane (or, with `object`, of the machine template
   * or health check). See `ManagedCluster.addOverride`.
   */
  public addOverride(path: string | readonly (string | number)[], value: unknown, object: 'kubeadm-control-plane' | 'machine-template' | 'health-check' = 'kubeadm-control-plane'): this {
    this.cluster._override({ target: roleOf(object), path, value });
    return this;
  }
}

function roleOf(object: 'kubeadm-control-plane' | 'machine-template' | 'health-check'): string {
  return object === 'kubeadm-control-plane' ? CONTROL_PLANE_ROLES.kubeadmControlPlane
    : object === 'machine-template' ? CONTROL_PLANE_ROLES.machineTemplate : CONTROL_PLANE_ROLES.healthCheck;
}
