/** Validation of one worker pool (MachineDeployment, its templates and health check). */
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { isCapiSyncedLabel, kubeletMaySet } from '../node-labels';
import { WorkerPoolSpec } from '../spec';
import { KubernetesVersion, SupportedVersionWindow } from '../versions';
import { checkDeletion, checkHealthCheck, checkIntOrPercent, checkLabels, checkName, checkPins, checkTaints, checkTime, checkVersion, isZero } from './_checks';
import { checkGeneratedFlags, validateKubeadmCommon, validateMachine } from './kubeadm';

export function validateWorkerPool(report: IssueSink, pool: WorkerPoolSpec, providerId: string | undefined, cpVersion: KubernetesVersion | undefined, window: SupportedVersionWindow): void {
  if (!pool || typeof pool !== 'object') {
    report({ path: '', message: 'a worker pool must be an object', value: pool });
    return;
  }
  checkName(report, 'name', pool.name, 'label', 'pool names become part of object names and label values');
  if (pool.replicas !== undefined && pool.autoscaling !== undefined) {
    report({ path: 'replicas', message: 'replicas and autoscaling are mutually exclusive: a fixed count would reset the autoscaler on every sync', value: pool.replicas, fix: 'remove replicas (CAPI starts an autoscaled pool at its minimum)' });
  }
  checkInteger(report, 'replicas', pool.replicas, 0, 10000, 'use a count from 0 to 10000');
  if (pool.autoscaling) {
    const { min, max } = pool.autoscaling;
    checkInteger(report, 'autoscaling.min', min, 0, 10000);
    checkInteger(report, 'autoscaling.max', max, 1, 10000);
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      report({ path: 'autoscaling', message: `min (${min}) is greater than max (${max})`, value: pool.autoscaling, fix: 'make min <= max' });
    }
  }
  validateMachine(report, 'machine', pool.machine, providerId, 'worker');
  validateKubeadmCommon(report, pool);
  checkGeneratedFlags(report, pool, providerId, pool.nodeLabels);
  if (pool.version !== undefined) {
    const v = checkVersion(report, 'version', pool.version, window);
    // cluster-api v1.14.0 core/reconcilers/machineset/machineset_preflight.go: kubernetesVersionPreflightCheck
    // refuses a newer minor than the control plane's, and kubeadmVersionPreflightCheck any other minor
    // for kubeadm-bootstrapped pools (all of this library's): "kubeadm only supports joining with the
    // same major+minor version as the control plane". A pool on another minor cannot add or replace
    // a machine. Patch versions may differ either way, as upstream allows.
    if (v && cpVersion && v.minorVersion !== cpVersion.minorVersion) {
      report({
        path: 'version', message: `a kubeadm pool must run the control plane's minor (${cpVersion.minorVersion}): CAPI's KubeadmVersionSkew preflight check stops a pool on ${v.minorVersion} from creating or replacing machines`,
        value: v.version, allowed: `${cpVersion.minorVersion}.x`, fix: `upgrade the pool with the control plane (leave version out to follow it), or use a ${cpVersion.minorVersion} patch release`,
      });
    }
  }
  const labels = pool.nodeLabels ?? {};
  checkLabels(report, 'nodeLabels', labels);
  for (const key of Object.keys(labels)) {
    if (!isCapiSyncedLabel(key) && !kubeletMaySet(key)) {
      report({ path: `nodeLabels.${key}`, message: 'the kubelet may not set labels in the kubernetes.io and k8s.io namespaces (NodeRestriction) and would refuse to start', value: key, fix: 'use your own domain, node-role.kubernetes.io/<role> (synced by CAPI), or node.kubernetes.io/...' });
    }
  }
  checkLabels(report, 'labels', pool.labels);
  checkTaints(report, 'taints', pool.taints);
  if (pool.taintsViaMachineTaintPropagation && (pool.taints ?? []).length === 0) {
    report({ path: 'taintsViaMachineTaintPropagation', message: 'is set but the pool has no taints', value: true, fix: 'add taints or remove the flag' });
  }
  checkNonEmptyString(report, 'failureDomain', pool.failureDomain);
  const rollout = pool.rollout ?? {};
  checkEnum(report, 'rollout.type', rollout.type, ['RollingUpdate', 'OnDelete'], 'rollout strategy');
  checkRollingUpdate(report, 'rollout', rollout.maxSurge, rollout.maxUnavailable);
  if (rollout.type === 'OnDelete' && (rollout.maxSurge !== undefined || rollout.maxUnavailable !== undefined)) {
    report({ path: 'rollout', message: 'maxSurge and maxUnavailable only apply to RollingUpdate', fix: 'remove them or use type RollingUpdate' });
  }
  checkTime(report, 'rollout.after', rollout.after);
  checkEnum(report, 'deletionOrder', pool.deletionOrder, ['Random', 'Newest', 'Oldest'], 'deletion order');
  checkDeletion(report, pool.deletion);
  checkInteger(report, 'minReadySeconds', pool.minReadySeconds, 0);
  if (pool.healthCheck) checkHealthCheck(report, 'healthCheck', pool.healthCheck);
  checkPins(report, pool.names?.machineDeployment, pool.names?.healthCheck, [pool.names?.machineTemplate, pool.names?.bootstrapTemplate], ['names.machineDeployment', 'names.healthCheck', 'names.machineTemplate', 'names.bootstrapTemplate']);
}

/** maxSurge and maxUnavailable of a MachineDeployment rollout (also checked on the final object, after overrides). */
export function checkRollingUpdate(report: IssueSink, path: string, maxSurge: unknown, maxUnavailable: unknown): void {
  checkIntOrPercent(report, `${path}.maxSurge`, maxSurge);
  checkIntOrPercent(report, `${path}.maxUnavailable`, maxUnavailable);
  const surge = maxSurge ?? 1;
  const unavailable = maxUnavailable ?? 0;
  if (isZero(surge) && isZero(unavailable)) {
    report({ path, message: 'maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a machine', value: { maxSurge: surge, maxUnavailable: unavailable }, fix: 'set maxSurge to 1 (add first) or maxUnavailable to 1 (remove first)' });
  }
}
