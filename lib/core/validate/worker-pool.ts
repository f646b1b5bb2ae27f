/** Validation of one worker pool (MachineDeployment, its templates and health check). */
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { findProvider } from '../provider';
import { MachineCapacity, WorkerPoolSpec } from '../spec';
import { KubernetesVersion, SupportedVersionWindow } from '../versions';
import { checkDeletion, checkHealthCheck, checkIntOrPercent, checkLabels, checkName, checkNodeLabels, checkPins, checkTaints, checkTime, checkVersion, isZero } from './_checks';
import { checkGeneratedFlags, validateKubeadmCommon, validateMachine } from './kubeadm';
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
  checkNodeLabels(report, 'nodeLabels', pool.nodeLabels);
  checkLabels(report, 'labels', pool.labels);
  checkTaints(report, 'taints', pool.taints);
  if (pool.taintsViaMachineTaintPropagation && (pool.taints ?? []).length === 0) {
    report({ path: 'taintsViaMachineTaintPropagation', message: 'is set but the pool has no taints', value: true, fix: 'add taints or remove the flag' });
  }
  checkNonEmptyString(report, 'failureDomain', pool.failureDomain);
  checkSpread(report, pool);
  checkScaleFromZero(report, pool, providerId);
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
  if (pool.names?.machineDeployment !== undefined && pool.failureDomains !== undefined) {
    report({ path: 'names.machineDeployment', message: 'a pool spread over failureDomains has one MachineDeployment per domain', value: pool.names.machineDeployment, fix: 'pin them by domain in names.machineDeployments, e.g. { "eu-west-1a": "<name>" }' });
  }
  checkMachineNaming(report, 'machineNaming', pool.machineNaming, 'pool');
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

/** `failureDomains`: a non-empty list of distinct domains, not combined with `failureDomain`, and room for a machine in each. */
function checkSpread(report: IssueSink, pool: WorkerPoolSpec): void {
  const domains = pool.failureDomains;
  const pins = pool.names?.machineDeployments;
  if (domains === undefined) {
    if (pins !== undefined) report({ path: 'names.machineDeployments', message: 'only applies to a pool spread over failureDomains', value: pins, fix: 'use names.machineDeployment for a pool without failureDomains' });
    return;
  }
  if (pool.failureDomain !== undefined) {
    report({ path: 'failureDomains', message: 'failureDomain and failureDomains are mutually exclusive', value: domains, fix: `keep one: failureDomains: ['${pool.failureDomain}'] is the same pool as one MachineDeployment per domain` });
  }
  if (domains.length === 0) {
    report({ path: 'failureDomains', message: 'an empty list would render no MachineDeployment', value: [], fix: 'list at least one failure domain, or leave failureDomains out' });
  }
  const seen = new Map<string, number>();
  domains.forEach((d, i) => {
    checkNonEmptyString(report, `failureDomains[${i}]`, d);
    if (seen.has(d)) report({ path: `failureDomains[${i}]`, message: `duplicate failure domain (also failureDomains[${seen.get(d)}])`, value: d, fix: 'list each domain once' });
    else seen.set(d, i);
  });
  // Every domain gets a share of max; a share of 0 would be a MachineDeployment the autoscaler can never grow.
  const max = pool.autoscaling?.max;
  if (typeof max === 'number' && domains.length > 0 && max < domains.length) {
    report({ path: 'autoscaling.max', message: `is the total over ${domains.length} failure domains: each needs a max of at least 1`, value: max, allowed: `at least ${domains.length}`, fix: `raise max to ${domains.length}, or spread over fewer domains` });
  }
  for (const [domain, name] of Object.entries(pins ?? {})) {
    if (!seen.has(domain)) report({ path: `names.machineDeployments.${domain}`, message: 'is not one of the pool\'s failureDomains', value: domain, allowed: domains.join(', ') });
    checkName(report, `names.machineDeployments.${domain}`, name, 'label', 'CAPI copies this name into label values');
  }
}

/**
 * A non-negative Kubernetes quantity, as cluster-autoscaler parses cpu, memory and
 * ephemeral-disk (k8s.io/apimachinery pkg/api/resource/quantity.go ParseQuantity(), called by
 * kubernetes/autoscaler cluster-autoscaler-1.36.1 cloudprovider/clusterapi/clusterapi_utils.go parseKey()).
 */
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * The capacity annotations' values, and the capacity a pool that may scale from zero needs:
 * cluster-autoscaler scales a node group up from zero only if it knows the CPU and memory of
 * its nodes (cluster-autoscaler-1.36.1 cloudprovider/clusterapi/clusterapi_unstructured.go
 * CanScaleFromZero()), from the annotations or the machine template's `status.capacity`.
 */
function checkScaleFromZero(report: IssueSink, pool: WorkerPoolSpec, providerId: string | undefined): void {
  const capacity: MachineCapacity | undefined = pool.autoscaling?.capacity;
  if (capacity) {
    for (const key of ['cpu', 'memory', 'ephemeralDisk'] as const) {
      const v = capacity[key];
      if (v !== undefined && (typeof v !== 'string' || !QUANTITY.test(v))) {
        report({ path: `autoscaling.capacity.${key}`, message: 'must be a Kubernetes quantity (cluster-autoscaler ignores the node group\'s capacity otherwise)', value: v, allowed: key === 'cpu' ? "e.g. '4' or '3500m'" : "e.g. '16Gi' or '100G'" });
      }
    }
    // parseIntKey() reads gpu-count and maxPods with strconv.ParseInt.
    checkInteger(report, 'autoscaling.capacity.gpuCount', capacity.gpuCount, 0);
    checkInteger(report, 'autoscaling.capacity.maxPods', capacity.maxPods, 1);
    checkNonEmptyString(report, 'autoscaling.capacity.gpuType', capacity.gpuType, "set it to the GPU's resource name, e.g. 'nvidia.com/gpu'");
    if (capacity.gpuType !== undefined && capacity.gpuCount === undefined) {
      report({ path: 'autoscaling.capacity.gpuType', message: 'is set without gpuCount: the autoscaler would simulate a node without GPUs', value: capacity.gpuType, fix: 'set gpuCount too' });
    }
  }
  const provider = providerId ? findProvider(providerId) : undefined;
  // Split over n domains, a min below n leaves some MachineDeployment a min of 0.
  const min = pool.autoscaling?.min;
  const mayReachZero = typeof min === 'number' && min < Math.max(pool.failureDomains?.length ?? 1, 1);
  if (provider && !provider.reportsMachineCapacity && mayReachZero && (capacity?.cpu === undefined || capacity?.memory === undefined)) {
    report({
      path: 'autoscaling.capacity', message: `the ${provider.id} provider does not report machine capacity, and cluster-autoscaler cannot scale a pool up from zero without its CPU and memory`,
      value: capacity, fix: "set autoscaling.capacity.cpu and memory (e.g. { cpu: '4', memory: '16Gi' }), or keep at least one machine per MachineDeployment with min >= the number of failure domains",
    });
  }
}
