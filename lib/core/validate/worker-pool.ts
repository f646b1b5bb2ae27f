/** Validation of one worker pool (MachineDeployment, its templates and health check). */
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { WorkerPoolSpec } from '../spec';
import { KUBELET_MAX_MINOR_SKEW, KubernetesVersion, SupportedVersionWindow } from '../versions';
import { checkDeletion, checkHealthCheck, checkIntOrPercent, checkLabels, checkName, checkNodeLabels, checkPins, checkTaints, checkTime, checkVersion, isZero } from './_checks';
import { validateKubeadmCommon, validateMachine } from './kubeadm';
import { checkMachineNaming } from './machine-naming';

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
  if (pool.version !== undefined) {
    const v = checkVersion(report, 'version', pool.version, window);
    if (v && cpVersion) {
      if (v.compare(cpVersion) > 0) {
        report({ path: 'version', message: `workers may not run a newer Kubernetes than the control plane (${cpVersion.version})`, value: v.version, fix: `upgrade the control plane first, or use ${cpVersion.version}` });
      } else if (cpVersion.minorsAhead(v) > KUBELET_MAX_MINOR_SKEW) {
        report({ path: 'version', message: `a kubelet may lag the control plane (${cpVersion.minorVersion}) by at most ${KUBELET_MAX_MINOR_SKEW} minor versions`, value: v.version, fix: `upgrade the pool to ${cpVersion.minorVersion} or at least v${cpVersion.major}.${cpVersion.minor - KUBELET_MAX_MINOR_SKEW}` });
      }
    }
  }
  checkNodeLabels(report, 'nodeLabels', pool.nodeLabels);
  checkLabels(report, 'labels', pool.labels);
  checkTaints(report, 'taints', pool.taints);
  if (pool.taintsViaMachineTaintPropagation && (pool.taints ?? []).length === 0) {
    report({ path: 'taintsViaMachineTaintPropagation', message: 'is set but the pool has no taints', value: true, fix: 'add taints or remove the flag' });
  }
  checkNonEmptyString(report, 'failureDomain', pool.failureDomain);
  const rollout = pool.rollout ?? {};
  checkEnum(report, 'rollout.type', rollout.type, ['RollingUpdate', 'OnDelete'], 'rollout strategy');
  checkIntOrPercent(report, 'rollout.maxSurge', rollout.maxSurge);
  checkIntOrPercent(report, 'rollout.maxUnavailable', rollout.maxUnavailable);
  if (isZero(rollout.maxSurge ?? 1) && isZero(rollout.maxUnavailable ?? 0)) {
    report({ path: 'rollout', message: 'maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a machine', value: { maxSurge: rollout.maxSurge ?? 1, maxUnavailable: rollout.maxUnavailable ?? 0 }, fix: 'set maxSurge to 1 (add first) or maxUnavailable to 1 (remove first)' });
  }
  if (rollout.type === 'OnDelete' && (rollout.maxSurge !== undefined || rollout.maxUnavailable !== undefined)) {
    report({ path: 'rollout', message: 'maxSurge and maxUnavailable only apply to RollingUpdate', fix: 'remove them or use type RollingUpdate' });
  }
  checkTime(report, 'rollout.after', rollout.after);
  checkEnum(report, 'deletionOrder', pool.deletionOrder, ['Random', 'Newest', 'Oldest'], 'deletion order');
  checkDeletion(report, pool.deletion);
  checkInteger(report, 'minReadySeconds', pool.minReadySeconds, 0);
  if (pool.healthCheck) checkHealthCheck(report, 'healthCheck', pool.healthCheck);
  checkMachineNaming(report, 'machineNaming', pool.machineNaming, 'pool');
  checkPins(report, pool.names?.machineDeployment, pool.names?.healthCheck, [pool.names?.machineTemplate, pool.names?.bootstrapTemplate], ['names.machineDeployment', 'names.healthCheck', 'names.machineTemplate', 'names.bootstrapTemplate']);
}
