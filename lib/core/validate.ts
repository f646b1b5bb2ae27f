import { cidrsOverlap, parseCidr } from './cidr';
import { IssueCollector, ValidationIssue } from './errors';
import { labelValueProblem, objectNameProblem, qualifiedKeyProblem } from './names';
import { parsePath } from './overrides';
import { shapeIssues } from './shape';
import { checkEnum, checkInteger, checkNonEmptyString, IssueSink, MachineRole, PROVIDERS } from './providers';
import {
  ControlPlaneSpec, HealthCheckSpec, KubeadmCommonSpec, MachineSpec, ManagedClusterSpec, PinnedTemplateName, Taint, WorkerPoolSpec,
} from './spec';
import { CAPI_V1_14_SUPPORTED_VERSIONS, isInWindow, KUBELET_MAX_MINOR_SKEW, KubernetesVersion, parseMinor } from './versions';

/** The longest pool name that keeps `<cluster>-<pool>` a valid label value (CAPI labels machines with it). */
const NAME_LABEL_MAX = 63;

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PERMISSIONS = /^0?[0-7]{3}$|^[0-7]{4}$/;
const INT_OR_PERCENT = /^(100|[1-9]?[0-9])%$/;

/**
 * Domains whose node labels CAPI syncs from the Machine to the Node in place (CAPI book,
 * "Metadata propagation"). Labels in other domains go to the kubelet's `--node-labels`.
 */
export function isCapiSyncedLabel(key: string): boolean {
  const prefix = key.includes('/') ? key.split('/')[0] : '';
  return (
    prefix === 'node-role.kubernetes.io' || prefix === 'node-restriction.kubernetes.io' || prefix.endsWith('.node-restriction.kubernetes.io') ||
    prefix === 'node.cluster.x-k8s.io' || prefix.endsWith('.node.cluster.x-k8s.io')
  );
}

/**
 * Labels in the kubernetes.io / k8s.io namespaces that a kubelet may set on its own Node
 * (NodeRestriction admission). Any other label in those namespaces makes the kubelet refuse to start.
 */
function kubeletMaySet(key: string): boolean {
  const prefix = key.includes('/') ? key.split('/')[0] : '';
  const restricted = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  if (!restricted) return true;
  if (/(^|\.)(kubelet\.kubernetes\.io|node\.kubernetes\.io)$/.test(prefix)) return true;
  return [
    'kubernetes.io/hostname', 'kubernetes.io/arch', 'kubernetes.io/os', 'beta.kubernetes.io/instance-type',
    'beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'failure-domain.beta.kubernetes.io/zone',
    'failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region',
  ].includes(key);
}

/** Checks a whole cluster spec and returns every problem found (empty when valid). */
export function validateClusterSpec(spec: ManagedClusterSpec): ValidationIssue[] {
  const issues = new IssueCollector();
  const at = (prefix: string): IssueSink => issue => issues.add({ ...issue, path: prefix ? `${prefix}.${issue.path}` : issue.path });
  const root = at('');

  if (!spec || typeof spec !== 'object') {
    return [{ path: '(spec)', message: 'the cluster spec must be an object', value: spec }];
  }
  // The rule checks below assume the JSON shape the types promise; JavaScript callers and YAML
  // inventories can break it. Report a wrong shape alone rather than crash on it.
  const wrongShape = shapeIssues(spec);
  if (wrongShape.length > 0) return wrongShape;
  checkName(root, 'name', spec.name, 'label', 'the cluster name is copied into label values by CAPI');
  if (spec.namespace !== undefined) checkName(root, 'namespace', spec.namespace, 'label', 'namespaces are DNS-1123 labels');
  checkLabels(root, 'labels', spec.labels);
  checkAnnotations(root, 'annotations', spec.annotations);

  // Versions.
  const window = spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS;
  if (spec.supportedVersions) {
    for (const key of ['oldest', 'newest'] as const) {
      if (!parseMinor(spec.supportedVersions[key])) {
        root({ path: `supportedVersions.${key}`, message: 'must be a minor version like v1.31', value: spec.supportedVersions[key] });
      }
    }
  }
  const cpVersion = checkVersion(root, 'version', spec.version, window);

  // Network.
  const net = spec.network ?? {};
  const pods = checkCidrList(root, 'network.podCidrs', net.podCidrs);
  const services = checkCidrList(root, 'network.serviceCidrs', net.serviceCidrs);
  for (const p of pods) {
    for (const s of services) {
      if (cidrsOverlap(p.cidr, s.cidr)) {
        root({ path: s.path, message: `the service network overlaps the pod network ${p.cidr.text}`, value: s.cidr.text, fix: 'choose non-overlapping blocks (defaults: pods 192.168.0.0/16, services 10.128.0.0/12)' });
      }
    }
  }
  if (net.serviceDomain !== undefined && (typeof net.serviceDomain !== 'string' || objectNameProblem(net.serviceDomain, 'subdomain'))) {
    root({ path: 'network.serviceDomain', message: 'must be a DNS domain', value: net.serviceDomain, allowed: 'e.g. cluster.local' });
  }
  checkInteger(root, 'network.apiServerPort', net.apiServerPort, 1, 65535);

  // Provider.
  const infra = spec.infrastructure ?? {};
  const providerIds = Object.keys(infra).filter(k => (infra as any)[k] !== undefined);
  const known = Object.keys(PROVIDERS);
  if (providerIds.length !== 1 || !PROVIDERS[providerIds[0]]) {
    root({
      path: 'infrastructure', message: providerIds.length === 0 ? 'no infrastructure provider is set' : `exactly one provider section must be set, got ${providerIds.join(', ')}`,
      allowed: known.join(', '), fix: `set exactly one of ${known.map(k => `infrastructure.${k}`).join(', ')}`,
    });
  }
  const providerId = providerIds.length === 1 && PROVIDERS[providerIds[0]] ? providerIds[0] : undefined;
  if (providerId) {
    PROVIDERS[providerId].validateCluster((infra as any)[providerId], at(`infrastructure.${providerId}`));
    const vpcCidr = providerId === 'aws' ? infra.aws?.network?.managed?.vpcCidr ?? (infra.aws?.network?.existing ? undefined : '10.0.0.0/16') : undefined;
    const vpc = vpcCidr ? parseCidr(vpcCidr) : undefined;
    if (vpc) {
      for (const p of [...pods, ...services]) {
        if (cidrsOverlap(vpc, p.cidr)) {
          root({ path: p.path, message: `overlaps the VPC ${vpc.text}: pods or services would be unreachable from parts of the network`, value: p.cidr.text, fix: 'choose blocks outside the VPC CIDR' });
        }
      }
    }
  }

  // Control plane.
  const cp: ControlPlaneSpec = spec.controlPlane ?? {};
  validateControlPlane(at('controlPlane'), cp, providerId);

  // Worker pools.
  const pools = spec.workerPools ?? [];
  const seen = new Map<string, number>();
  pools.forEach((pool, i) => {
    const report = at(`workerPools[${i}]`);
    if (seen.has(pool?.name)) {
      report({ path: 'name', message: `duplicate pool name (also workerPools[${seen.get(pool.name)}])`, value: pool.name, fix: 'give every pool its own name' });
    } else if (pool) {
      seen.set(pool.name, i);
    }
    validateWorkerPool(report, pool, providerId, cpVersion, window);
    if (typeof spec.name === 'string' && typeof pool?.name === 'string' && !pool.names?.machineDeployment) {
      const mdName = `${spec.name}-${pool.name}`;
      if (mdName.length > NAME_LABEL_MAX) {
        report({ path: 'name', message: `the MachineDeployment name "${mdName}" has ${mdName.length} characters; CAPI copies it into a label value, at most ${NAME_LABEL_MAX}`, value: pool.name, fix: `shorten the cluster or pool name by ${mdName.length - NAME_LABEL_MAX} characters, or pin names.machineDeployment` });
      }
    }
  });

  for (const [i, o] of (spec.overrides ?? []).entries()) {
    if (!o || typeof o.target !== 'string') root({ path: `overrides[${i}].target`, message: 'must name the object to change', value: o?.target });
    if (!o || (typeof o.path !== 'string' && !Array.isArray(o.path)) || o.path.length === 0) {
      root({ path: `overrides[${i}].path`, message: 'must be a dotted path or a list of segments', value: o?.path });
    } else if (o && !o.remove && (parsePath(o.path).slice(-1)[0] === 'passwd' || holdsKey(o.value, 'passwd'))) {
      // The value is not repeated in the issue: it is a password.
      root({ path: `overrides[${i}]`, message: 'plain-text passwords are refused, also through overrides: they would be written to Git and to the management cluster', fix: 'store the hashed password in a Secret and use passwordFromSecret' });
    }
  }
  return [...issues.issues];
}

/** True when `value` (JSON-like) has an object key `key` at any depth. */
function holdsKey(value: unknown, key: string, depth = 0): boolean {
  if (depth > 50 || !value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(v => holdsKey(v, key, depth + 1));
  return Object.keys(value).some(k => k === key || holdsKey((value as Record<string, unknown>)[k], key, depth + 1));
}

function validateControlPlane(report: IssueSink, cp: ControlPlaneSpec, providerId: string | undefined): void {
  const replicas = cp.replicas;
  if (replicas !== undefined) {
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) {
      report({ path: 'replicas', message: 'must be an odd integer >= 1', value: replicas, allowed: '1, 3, 5, 7', fix: 'use 1 for development, 3 or 5 for production' });
    } else if (replicas % 2 === 0) {
      report({
        path: 'replicas', message: `an even number of control-plane machines does not help: etcd needs a majority, so ${replicas} machines tolerate as many failures as ${replicas - 1}, and a split can lose quorum`,
        value: replicas, allowed: 'an odd number: 1, 3, 5, 7', fix: `use ${replicas - 1} or ${replicas + 1}`,
      });
    } else if (replicas > 9) {
      report({ path: 'replicas', message: 'more than 9 etcd members slows every write down without adding useful fault tolerance', value: replicas, allowed: '1, 3, 5, 7, 9' });
    }
  }
  validateMachine(report, 'machine', cp.machine, providerId, 'control-plane');
  validateKubeadmCommon(report, cp);
  for (const key of ['apiServerExtraArgs', 'controllerManagerExtraArgs', 'schedulerExtraArgs'] as const) checkArgs(report, key, cp[key]);
  (cp.certSans ?? []).forEach((san, i) => checkNonEmptyString(report, `certSans[${i}]`, san));
  checkTaints(report, 'taints', cp.taints);
  const rollout = cp.rollout ?? {};
  if (rollout.maxSurge !== undefined && rollout.maxSurge !== 0 && rollout.maxSurge !== 1) {
    report({ path: 'rollout.maxSurge', message: 'KubeadmControlPlane only supports a surge of 0 or 1', value: rollout.maxSurge, allowed: '0 (scale down first) or 1 (scale up first)', fix: 'use 1 unless the infrastructure has no room for an extra machine' });
  }
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

function validateWorkerPool(report: IssueSink, pool: WorkerPoolSpec, providerId: string | undefined, cpVersion: KubernetesVersion | undefined, window: typeof CAPI_V1_14_SUPPORTED_VERSIONS): void {
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
  checkPins(report, pool.names?.machineDeployment, pool.names?.healthCheck, [pool.names?.machineTemplate, pool.names?.bootstrapTemplate], ['names.machineDeployment', 'names.healthCheck', 'names.machineTemplate', 'names.bootstrapTemplate']);
}

function validateMachine(report: IssueSink, path: string, machine: MachineSpec | undefined, providerId: string | undefined, role: MachineRole): void {
  if (!machine || !providerId) return;
  for (const key of Object.keys(machine)) {
    if ((machine as any)[key] !== undefined && key !== providerId) {
      report({ path: `${path}.${key}`, message: `machine settings for provider "${key}" on a cluster that uses "${providerId}"`, allowed: providerId, fix: `move the settings to ${path}.${providerId}` });
    }
  }
  PROVIDERS[providerId].validateMachine((machine as any)[providerId], role, issue => report({ ...issue, path: `${path}.${providerId}.${issue.path}` }));
}

function validateKubeadmCommon(report: IssueSink, spec: KubeadmCommonSpec): void {
  const files = spec.files ?? [];
  const paths = new Set<string>();
  files.forEach((f, i) => {
    const p = `files[${i}]`;
    if (typeof f.path !== 'string' || !f.path.startsWith('/')) report({ path: `${p}.path`, message: 'must be an absolute path', value: f.path, fix: 'start the path with /' });
    else if (paths.has(f.path) && !f.append) report({ path: `${p}.path`, message: 'another file writes the same path', value: f.path, fix: 'merge the two files or set append' });
    paths.add(f.path);
    if ((f.content === undefined) === (f.contentFromSecret === undefined)) {
      report({ path: p, message: 'set exactly one of content or contentFromSecret', fix: 'use contentFromSecret for anything secret' });
    }
    if (typeof f.content === 'string' && f.content.length > 10240) {
      report({ path: `${p}.content`, message: `content has ${f.content.length} characters; kubeadm configs hold at most 10240`, fix: 'move large content into a Secret and use contentFromSecret' });
    }
    if (f.content === '') report({ path: `${p}.content`, message: 'must not be empty', fix: 'remove the file or give it content' });
    if (f.contentFromSecret) checkSecretRef(report, `${p}.contentFromSecret`, f.contentFromSecret);
    if (f.permissions !== undefined && !PERMISSIONS.test(f.permissions)) {
      report({ path: `${p}.permissions`, message: 'must be octal permissions written as a string', value: f.permissions, allowed: "e.g. '0644', '0600'", fix: 'quote the permissions in your source' });
    }
    checkEnum(report, `${p}.encoding`, f.encoding, ['base64', 'gzip', 'gzip+base64'], 'encoding');
    checkNonEmptyString(report, `${p}.owner`, f.owner);
  });
  for (const key of ['preKubeadmCommands', 'postKubeadmCommands'] as const) {
    (spec[key] ?? []).forEach((c, i) => checkNonEmptyString(report, `${key}[${i}]`, c));
  }
  const users = new Set<string>();
  (spec.users ?? []).forEach((u, i) => {
    checkNonEmptyString(report, `users[${i}].name`, u.name ?? '');
    if (users.has(u.name)) report({ path: `users[${i}].name`, message: 'duplicate user', value: u.name });
    users.add(u.name);
    if ((u as any).passwd !== undefined || (u as any).password !== undefined) {
      report({ path: `users[${i}]`, message: 'plain-text passwords are refused: they would be written to Git and to the management cluster', fix: 'store the hashed password in a Secret and use passwordFromSecret' });
    }
    if (u.passwordFromSecret) checkSecretRef(report, `users[${i}].passwordFromSecret`, u.passwordFromSecret);
  });
  (spec.ntpServers ?? []).forEach((s, i) => checkNonEmptyString(report, `ntpServers[${i}]`, s));
  checkArgs(report, 'kubeletExtraArgs', spec.kubeletExtraArgs);
}

function checkSecretRef(report: IssueSink, path: string, ref: { name: string; key: string }): void {
  checkName(report, `${path}.name`, ref.name, 'subdomain', 'Secret names are DNS-1123 subdomains');
  if (typeof ref.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
    report({ path: `${path}.key`, message: 'must be a Secret data key', value: ref.key, allowed: "alphanumerics, '-', '_', '.'" });
  }
}

function checkArgs(report: IssueSink, path: string, args: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(args ?? {})) {
    if (name.startsWith('-')) report({ path: `${path}.${name}`, message: 'write flag names without leading dashes', value: name, fix: `use "${name.replace(/^-+/, '')}"` });
    else if (!/^[a-z0-9][-a-z0-9.]*$/.test(name)) report({ path: `${path}.${name}`, message: 'is not a flag name', value: name });
    if (typeof value !== 'string') report({ path: `${path}.${name}`, message: 'flag values must be strings', value, fix: `write "${String(value)}"` });
    else if (value.length > 1024) report({ path: `${path}.${name}`, message: 'flag values hold at most 1024 characters', value: `${value.length} characters` });
  }
}

function checkTaints(report: IssueSink, path: string, taints: readonly Taint[] | undefined): void {
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const keyProblem = qualifiedKeyProblem(t?.key);
    if (keyProblem) report({ path: `${path}[${i}].key`, message: `invalid taint key: ${keyProblem}`, value: t?.key });
    if (!TAINT_EFFECTS.includes(t?.effect)) {
      report({ path: `${path}[${i}].effect`, message: 'unknown taint effect', value: t?.effect, allowed: TAINT_EFFECTS.join(', '), fix: 'use TaintEffect.NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE' });
    }
    if (t?.value !== undefined) {
      const vp = labelValueProblem(t.value);
      if (vp) report({ path: `${path}[${i}].value`, message: `invalid taint value: ${vp}`, value: t.value });
    }
    const id = `${t?.key}:${t?.effect}`;
    if (seen.has(id)) report({ path: `${path}[${i}]`, message: 'duplicate taint (same key and effect)', value: id });
    seen.add(id);
  });
}

function checkHealthCheck(report: IssueSink, path: string, hc: HealthCheckSpec): void {
  checkInteger(report, `${path}.nodeStartupTimeoutSeconds`, hc.nodeStartupTimeoutSeconds, 0);
  if (hc.unhealthyNodeConditions !== undefined && hc.unhealthyNodeConditions.length === 0) {
    report({ path: `${path}.unhealthyNodeConditions`, message: 'an empty list would never find a machine unhealthy', fix: 'leave it out for the defaults (Ready False/Unknown for 300s)' });
  }
  (hc.unhealthyNodeConditions ?? []).forEach((c, i) => {
    checkNonEmptyString(report, `${path}.unhealthyNodeConditions[${i}].type`, c.type ?? '');
    checkNonEmptyString(report, `${path}.unhealthyNodeConditions[${i}].status`, c.status ?? '');
    checkInteger(report, `${path}.unhealthyNodeConditions[${i}].timeoutSeconds`, c.timeoutSeconds ?? -1, 0);
  });
  if (hc.maxUnhealthy !== undefined && hc.unhealthyRange !== undefined) {
    report({ path: path, message: 'maxUnhealthy and unhealthyRange are mutually exclusive', fix: 'keep one' });
  }
  checkIntOrPercent(report, `${path}.maxUnhealthy`, hc.maxUnhealthy);
  if (hc.unhealthyRange !== undefined) {
    const m = /^\[([0-9]+)-([0-9]+)\]$/.exec(hc.unhealthyRange);
    if (!m || Number(m[1]) > Number(m[2])) report({ path: `${path}.unhealthyRange`, message: 'must be a range "[min-max]" with min <= max', value: hc.unhealthyRange, allowed: 'e.g. [1-3]' });
  }
}

function checkDeletion(report: IssueSink, d: ControlPlaneSpec['deletion']): void {
  if (!d) return;
  checkInteger(report, 'deletion.nodeDrainTimeoutSeconds', d.nodeDrainTimeoutSeconds, 0);
  checkInteger(report, 'deletion.nodeVolumeDetachTimeoutSeconds', d.nodeVolumeDetachTimeoutSeconds, 0);
  checkInteger(report, 'deletion.nodeDeletionTimeoutSeconds', d.nodeDeletionTimeoutSeconds, 0);
}

function checkPins(report: IssueSink, mainName: string | undefined, hcName: string | undefined, templates: Array<PinnedTemplateName | undefined>, paths: string[]): void {
  if (mainName !== undefined) checkName(report, paths[0], mainName, 'label', 'CAPI copies this name into label values');
  if (hcName !== undefined) checkName(report, paths[1], hcName, 'subdomain', 'object names are DNS-1123 subdomains');
  templates.forEach((t, i) => {
    if (!t) return;
    checkName(report, `${paths[2 + i]}.name`, t.name, 'subdomain', 'object names are DNS-1123 subdomains');
    // An empty hash is allowed on purpose: rendering then fails with the current hash to pin.
    if (typeof t.specHash !== 'string') {
      report({ path: `${paths[2 + i]}.specHash`, message: 'a pinned template name needs the spec hash it is valid for', value: t.specHash, fix: "set specHash to '' and synth once: the error tells the current hash" });
    }
  });
}

function checkName(report: IssueSink, path: string, name: unknown, kind: 'label' | 'subdomain', why: string): void {
  const problem = objectNameProblem(name as string, kind);
  if (problem) report({ path, message: `${problem} (${why})`, value: name, fix: kind === 'label' ? "use lowercase letters, digits and '-', at most 63 characters" : "use lowercase letters, digits, '-' and '.'" });
}

function checkLabels(report: IssueSink, path: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const kp = qualifiedKeyProblem(key);
    if (kp) report({ path: `${path}.${key}`, message: `invalid label key: ${kp}`, value: key });
    const vp = labelValueProblem(value);
    if (vp) report({ path: `${path}.${key}`, message: `invalid label value: ${vp}`, value, fix: 'put free text in an annotation instead' });
  }
}

function checkAnnotations(report: IssueSink, path: string, annotations: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    const kp = qualifiedKeyProblem(key);
    if (kp) report({ path: `${path}.${key}`, message: `invalid annotation key: ${kp}`, value: key });
    if (typeof value !== 'string') report({ path: `${path}.${key}`, message: 'annotation values must be strings', value, fix: `write "${String(value)}"` });
  }
}

function checkVersion(report: IssueSink, path: string, version: unknown, window: typeof CAPI_V1_14_SUPPORTED_VERSIONS): KubernetesVersion | undefined {
  const text = version instanceof KubernetesVersion ? version.version : version;
  const v = typeof text === 'string' ? KubernetesVersion.tryParse(text) : undefined;
  if (!v) {
    const minorOnly = typeof text === 'string' && /^v?\d+\.\d+$/.test(text);
    report({
      path, message: minorOnly ? "a minor-only version is rejected by CAPI's webhooks" : 'must be a full Kubernetes version', value: version,
      allowed: 'vX.Y.Z, e.g. v1.34.2', fix: minorOnly ? `write the patch version too, e.g. ${text!.startsWith('v') ? text : `v${text}`}.0` : 'use KubernetesVersion.of("v1.34.2")',
    });
    return undefined;
  }
  if (!isInWindow(v, window)) {
    report({ path, message: `Kubernetes ${v.minorVersion} is outside the supported window${window.source ? ` of ${window.source}` : ''}`, value: v.version, allowed: `${window.oldest} to ${window.newest}`, fix: 'pick a supported version, or pass supportedVersions if your CAPI release supports it' });
  }
  return v;
}

function checkCidrList(report: IssueSink, path: string, list: readonly string[] | undefined): Array<{ path: string; cidr: NonNullable<ReturnType<typeof parseCidr>> }> {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.length === 0 || list.length > 2) {
    report({ path, message: 'must list one block, or two for dual-stack (one IPv4, one IPv6)', value: list });
    return [];
  }
  const out: Array<{ path: string; cidr: NonNullable<ReturnType<typeof parseCidr>> }> = [];
  list.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (!cidr) report({ path: `${path}[${i}]`, message: 'is not a CIDR block (or has host bits set)', value: text, allowed: 'e.g. 192.168.0.0/16 or fd00:10::/56' });
    else out.push({ path: `${path}[${i}]`, cidr });
  });
  if (out.length === 2 && out[0].cidr.family === out[1].cidr.family) {
    report({ path, message: 'two blocks must be one IPv4 and one IPv6 (dual-stack)', value: list });
  }
  return out;
}

function checkIntOrPercent(report: IssueSink, path: string, value: unknown): void {
  if (value === undefined) return;
  const ok = (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && INT_OR_PERCENT.test(value));
  if (!ok) report({ path, message: 'must be a non-negative integer or a percentage', value, allowed: "e.g. 1 or '25%'" });
}

function checkTime(report: IssueSink, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    report({ path, message: 'must be an RFC 3339 time', value, allowed: 'e.g. 2026-11-21T00:00:00Z' });
  }
}

function isZero(v: number | string): boolean {
  return v === 0 || v === '0%';
}
