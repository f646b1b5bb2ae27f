/** Validation of the control plane (KubeadmControlPlane and its machines). */
import { checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { ControlPlaneSpec } from '../spec';
import { checkArgs, checkDeletion, checkHealthCheck, checkPins, checkTaints, checkTime } from './_checks';
import { checkGeneratedFlags, validateKubeadmCommon, validateMachine } from './kubeadm';

export function validateControlPlane(report: IssueSink, cp: ControlPlaneSpec, providerId: string | undefined): void {
  checkControlPlaneReplicas(report, 'replicas', cp.replicas);
  validateMachine(report, 'machine', cp.machine, providerId, 'control-plane');
  validateKubeadmCommon(report, cp);
  checkGeneratedFlags(report, cp, providerId);
  for (const key of ['apiServerExtraArgs', 'controllerManagerExtraArgs', 'schedulerExtraArgs'] as const) checkArgs(report, key, cp[key]);
  (cp.certSans ?? []).forEach((san, i) => checkNonEmptyString(report, `certSans[${i}]`, san));
  checkTaints(report, 'taints', cp.taints);
  const rollout = cp.rollout ?? {};
  checkControlPlaneSurge(report, 'rollout.maxSurge', rollout.maxSurge);
  if (rollout.maxSurge === 0 && cp.replicas === 1) {
    report({ path: 'rollout.maxSurge', message: 'with a single control-plane machine, a surge of 0 deletes the only API server before its replacement exists', value: 0, fix: 'use maxSurge 1 or 3 replicas' });
  }
  checkInteger(report, 'rollout.certificatesExpiryDays', rollout.certificatesExpiryDays, 7, Number.MAX_SAFE_INTEGER, 'CAPI needs at least 7 days to roll machines before certificates expire');
  checkTime(report, 'rollout.after', rollout.after);
  const rem = cp.remediation ?? {};
  checkInteger(report, 'remediation.maxRetry', rem.maxRetry, 0);
  checkInteger(report, 'remediation.retryPeriodSeconds', rem.retryPeriodSeconds, 0);
  checkInteger(report, 'remediation.minHealthyPeriodSeconds', rem.minHealthyPeriodSeconds, 0);
  checkDeletion(report, cp.deletion);
  if (cp.healthCheck) checkHealthCheck(report, 'healthCheck', cp.healthCheck);
  checkPins(report, cp.names?.controlPlane, cp.names?.healthCheck, [cp.names?.machineTemplate], ['names.controlPlane', 'names.healthCheck', 'names.machineTemplate']);
}

/** KubeadmControlPlane replicas: a positive odd count (also checked on the final object, after overrides). */
export function checkControlPlaneReplicas(report: IssueSink, path: string, replicas: unknown): void {
  if (replicas === undefined) return;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
    report({ path, message: 'must be an odd integer >= 1', value: replicas, allowed: '1, 3, 5, 7', fix: 'use 1 for development, 3 or 5 for production' });
  } else if (replicas % 2 === 0) {
    report({
      path, message: `an even number of control-plane machines does not help: etcd needs a majority, so ${replicas} machines tolerate as many failures as ${replicas - 1}, and a split can lose quorum`,
      value: replicas, allowed: 'an odd number: 1, 3, 5, 7', fix: `use ${replicas - 1} or ${replicas + 1}`,
    });
  } else if (replicas > 9) {
    report({ path, message: 'more than 9 etcd members slows every write down without adding useful fault tolerance', value: replicas, allowed: '1, 3, 5, 7, 9' });
  }
}

/** KubeadmControlPlane surge: 0 or 1 only. */
export function checkControlPlaneSurge(report: IssueSink, path: string, maxSurge: unknown): void {
  if (maxSurge !== undefined && maxSurge !== 0 && maxSurge !== 1) {
    report({ path, message: 'KubeadmControlPlane only supports a surge of 0 or 1', value: maxSurge, allowed: '0 (scale down first) or 1 (scale up first)', fix: 'use 1 unless the infrastructure has no room for an extra machine' });
  }
}
