/** Validation of the control plane (KubeadmControlPlane and its machines). */
import { checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { ControlPlaneSpec } from '../spec';
import { LocalEtcdSpec } from '../spec';
import { checkAbsolutePath, checkArgs, checkDeletion, checkHealthCheck, checkHostPathMounts, checkNodeLabels, checkPins, checkTaints, checkTime } from './_checks';
import { checkGeneratedFlags, validateKubeadmCommon, validateMachine } from './kubeadm';
import { checkMachineNaming } from './machine-naming';

export function validateControlPlane(report: IssueSink, cp: ControlPlaneSpec, providerId: string | undefined): void {
  checkControlPlaneReplicas(report, 'replicas', cp.replicas);
  validateMachine(report, 'machine', cp.machine, providerId, 'control-plane');
  validateKubeadmCommon(report, cp);
  checkGeneratedFlags(report, cp, providerId, cp.nodeLabels);
  for (const key of ['apiServerExtraArgs', 'controllerManagerExtraArgs', 'schedulerExtraArgs'] as const) checkArgs(report, key, cp[key]);
  for (const key of ['apiServerExtraVolumes', 'controllerManagerExtraVolumes', 'schedulerExtraVolumes'] as const) checkHostPathMounts(report, key, cp[key], cp.files);
  if (cp.etcd) checkLocalEtcd(report, 'etcd', cp.etcd);
  checkFeatureGates(report, 'featureGates', cp.featureGates);
  checkNodeLabels(report, 'nodeLabels', cp.nodeLabels);
  checkMachineNaming(report, 'machineNaming', cp.machineNaming, 'control-plane');
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

// cluster-api v1.14.0 util/container/image.go ImageTagIsValid (ociTagAllowedChars), which
// controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go validateClusterConfiguration
// applies to etcd.local.imageTag.
const IMAGE_TAG = /^[-a-zA-Z0-9_.]+$/;

/**
 * Local etcd. KCP's webhook lets every etcd.local field change on a running cluster (the
 * `etcd.local.*` allowed paths of kubeadmcontrolplane.go ValidateUpdate); a change rolls the
 * control plane. Lengths are the CRD's (api/bootstrap/kubeadm/v1beta2/kubeadm_types.go LocalEtcd).
 */
function checkLocalEtcd(report: IssueSink, path: string, etcd: LocalEtcdSpec): void {
  if (etcd.dataDir !== undefined) checkAbsolutePath(report, `${path}.dataDir`, etcd.dataDir);
  checkArgs(report, `${path}.extraArgs`, etcd.extraArgs);
  checkNonEmptyString(report, `${path}.imageRepository`, etcd.imageRepository);
  if (typeof etcd.imageRepository === 'string' && etcd.imageRepository.length > 512) {
    report({ path: `${path}.imageRepository`, message: `has ${etcd.imageRepository.length} characters; at most 512 are allowed`, value: etcd.imageRepository });
  }
  const tag = etcd.imageTag;
  // An empty tag passes ImageTagIsValid but not the CRD (minLength 1).
  if (tag === '') checkNonEmptyString(report, `${path}.imageTag`, tag, 'leave imageTag out for the tag kubeadm pins');
  else if (typeof tag === 'string' && tag.length > 256) report({ path: `${path}.imageTag`, message: `has ${tag.length} characters; at most 256 are allowed`, value: tag });
  else if (tag !== undefined && (typeof tag !== 'string' || !IMAGE_TAG.test(tag))) {
    report({ path: `${path}.imageTag`, message: `tag ${String(tag)} is invalid`, value: tag, allowed: "letters, digits, '_', '.' and '-'", fix: 'e.g. 3.6.4-0' });
  }
}

/** kubeadm feature gate names are CamelCase identifiers (kubeadm cmd/kubeadm/app/features/features.go). */
function checkFeatureGates(report: IssueSink, path: string, gates: Record<string, boolean> | undefined): void {
  for (const name of Object.keys(gates ?? {})) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) report({ path: `${path}.${name}`, message: 'is not a feature gate name', value: name, allowed: 'a CamelCase name, e.g. ControlPlaneKubeletLocalMode' });
  }
}
