/** Checks the validation of every object shares (names, labels, versions, taints, health checks...). */
import { Cidr, parseCidr } from '../../support/cidr';
import { IssueSink } from '../../support/issues';
import { labelValueProblem, objectNameProblem, qualifiedKeyProblem } from '../../support/names';
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { isCapiSyncedLabel, kubeletMaySet } from '../node-labels';
import { HealthCheckSpec, HostPathMount, KubeadmFile, MachineDeletionTimeouts, PinnedTemplateName, Taint } from '../spec';
import { isInWindow, KubernetesVersion, SupportedVersionWindow } from '../versions';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/**
 * Any whole percentage, as upstream: cluster-api v1.14.0 core/webhooks/admission/machinedeployment.go
 * validateRolloutStrategy reads values with intstr.GetScaledValueFromIntOrPercent, which accepts
 * any "N%" (a surge of 150% is meaningful).
 */
const INT_OR_PERCENT = /^(0|[1-9][0-9]*)%$/;

export function checkSecretRef(report: IssueSink, path: string, ref: { name: string; key: string }): void {
  checkName(report, `${path}.name`, ref.name, 'subdomain', 'Secret names are DNS-1123 subdomains');
  if (typeof ref.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
    report({ path: `${path}.key`, message: 'must be a Secret data key', value: ref.key, allowed: "alphanumerics, '-', '_', '.'" });
  }
}

export function checkArgs(report: IssueSink, path: string, args: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(args ?? {})) {
    if (name.startsWith('-')) report({ path: `${path}.${name}`, message: 'write flag names without leading dashes', value: name, fix: `use "${name.replace(/^-+/, '')}"` });
    else if (!/^[a-z0-9][-a-z0-9.]*$/.test(name)) report({ path: `${path}.${name}`, message: 'is not a flag name', value: name });
    if (typeof value !== 'string') report({ path: `${path}.${name}`, message: 'flag values must be strings', value, fix: `write "${String(value)}"` });
    else if (value.length > 1024) report({ path: `${path}.${name}`, message: 'flag values hold at most 1024 characters', value: `${value.length} characters` });
  }
}

export function checkTaints(report: IssueSink, path: string, taints: readonly Taint[] | undefined): void {
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

export function checkHealthCheck(report: IssueSink, path: string, hc: HealthCheckSpec): void {
  checkNodeStartupTimeout(report, `${path}.nodeStartupTimeoutSeconds`, hc.nodeStartupTimeoutSeconds);
  if (hc.unhealthyNodeConditions !== undefined && hc.unhealthyNodeConditions.length === 0) {
    report({ path: `${path}.unhealthyNodeConditions`, message: 'an empty list would never find a machine unhealthy', fix: 'leave it out for the defaults (Ready False/Unknown for 300s)' });
  }
  (hc.unhealthyNodeConditions ?? []).forEach((c, i) => {
    checkNonEmptyString(report, `${path}.unhealthyNodeConditions[${i}].type`, c.type ?? '');
    checkNonEmptyString(report, `${path}.unhealthyNodeConditions[${i}].status`, c.status ?? '');
    checkInteger(report, `${path}.unhealthyNodeConditions[${i}].timeoutSeconds`, c.timeoutSeconds ?? -1, 0);
  });
  checkMachineConditions(report, `${path}.unhealthyMachineConditions`, hc.unhealthyMachineConditions);
  if (hc.maxUnhealthy !== undefined && hc.unhealthyRange !== undefined) {
    report({ path: path, message: 'maxUnhealthy and unhealthyRange are mutually exclusive', fix: 'keep one' });
  }
  checkIntOrPercent(report, `${path}.maxUnhealthy`, hc.maxUnhealthy);
  if (hc.unhealthyRange !== undefined) {
    const m = /^\[([0-9]+)-([0-9]+)\]$/.exec(hc.unhealthyRange);
    if (!m || Number(m[1]) > Number(m[2])) report({ path: `${path}.unhealthyRange`, message: 'must be a range "[min-max]" with min <= max', value: hc.unhealthyRange, allowed: 'e.g. [1-3]' });
  }
}

/**
 * 0 (do not wait for nodes) or at least 30 seconds. Mirrors cluster-api v1.14.0
 * core/webhooks/admission/machinehealthcheck.go validateMachineHealthCheckNodeStartupTimeoutSeconds
 * ("must be at least 30s"; 0 disables the check).
 */
export function checkNodeStartupTimeout(report: IssueSink, path: string, seconds: unknown): void {
  checkInteger(report, path, seconds, 0);
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 && seconds < 30) {
    report({ path, message: 'must be 0 (no node startup check) or at least 30 seconds, as the MachineHealthCheck webhook requires', value: seconds, allowed: '0, or 30 and more', fix: 'use 0 to disable the check, or 30 or more' });
  }
}

export function checkDeletion(report: IssueSink, d: MachineDeletionTimeouts | undefined): void {
  if (!d) return;
  checkInteger(report, 'deletion.nodeDrainTimeoutSeconds', d.nodeDrainTimeoutSeconds, 0);
  checkInteger(report, 'deletion.nodeVolumeDetachTimeoutSeconds', d.nodeVolumeDetachTimeoutSeconds, 0);
  checkInteger(report, 'deletion.nodeDeletionTimeoutSeconds', d.nodeDeletionTimeoutSeconds, 0);
}

export function checkPins(report: IssueSink, mainName: string | undefined, hcName: string | undefined, templates: Array<PinnedTemplateName | undefined>, paths: string[]): void {
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

export function checkName(report: IssueSink, path: string, name: unknown, kind: 'label' | 'subdomain', why: string): void {
  const problem = objectNameProblem(name as string, kind);
  if (problem) report({ path, message: `${problem} (${why})`, value: name, fix: kind === 'label' ? "use lowercase letters, digits and '-', at most 63 characters" : "use lowercase letters, digits, '-' and '.'" });
}

export function checkLabels(report: IssueSink, path: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const kp = qualifiedKeyProblem(key);
    if (kp) report({ path: `${path}.${key}`, message: `invalid label key: ${kp}`, value: key });
    const vp = labelValueProblem(value);
    if (vp) report({ path: `${path}.${key}`, message: `invalid label value: ${vp}`, value, fix: 'put free text in an annotation instead' });
  }
}

export function checkAnnotations(report: IssueSink, path: string, annotations: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    const kp = qualifiedKeyProblem(key);
    if (kp) report({ path: `${path}.${key}`, message: `invalid annotation key: ${kp}`, value: key });
    if (typeof value !== 'string') report({ path: `${path}.${key}`, message: 'annotation values must be strings', value, fix: `write "${String(value)}"` });
  }
}

export function checkVersion(report: IssueSink, path: string, version: unknown, window: SupportedVersionWindow): KubernetesVersion | undefined {
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

export function checkCidrList(report: IssueSink, path: string, list: readonly string[] | undefined): Array<{ path: string; cidr: Cidr }> {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.length === 0 || list.length > 2) {
    report({ path, message: 'must list one block, or two for dual-stack (one IPv4, one IPv6)', value: list });
    return [];
  }
  const out: Array<{ path: string; cidr: Cidr }> = [];
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

export function checkIntOrPercent(report: IssueSink, path: string, value: unknown): void {
  if (value === undefined) return;
  const ok = (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && INT_OR_PERCENT.test(value));
  if (!ok) report({ path, message: 'must be a non-negative integer or a percentage', value, allowed: "e.g. 1 or '25%'" });
}

export function checkTime(report: IssueSink, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    report({ path, message: 'must be an RFC 3339 time', value, allowed: 'e.g. 2026-11-21T00:00:00Z' });
  }
}

export function isZero(v: unknown): boolean {
  return v === 0 || v === '0%';
}

// cluster-api v1.14.0 api/core/v1beta2/machinehealthcheck_types.go UnhealthyMachineCondition
// (kubebuilder markers, enforced by the MachineHealthCheck CRD).
const CAPI_MACHINE_CONDITIONS = ['Ready', 'Available', 'HealthCheckSucceeded', 'OwnerRemediated', 'ExternallyRemediated'];
const CONDITION_TYPE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

function checkMachineConditions(report: IssueSink, path: string, conditions: HealthCheckSpec['unhealthyMachineConditions']): void {
  if (conditions === undefined) return;
  // The CRD's minItems 1 (and maxItems 100).
  if (conditions.length === 0) report({ path, message: 'an empty list checks nothing', fix: 'leave it out to check node conditions only' });
  if (conditions.length > 100) report({ path, message: `has ${conditions.length} conditions; at most 100 are allowed`, value: conditions.length });
  conditions.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (typeof c.type !== 'string' || c.type.length > 316 || !CONDITION_TYPE.test(c.type)) {
      report({ path: `${p}.type`, message: 'must be a condition type: a name with an optional DNS-subdomain prefix, at most 316 characters', value: c.type, allowed: 'e.g. DiskPressure or example.com/DiskPressure' });
    } else if (CAPI_MACHINE_CONDITIONS.includes(c.type)) {
      report({ path: `${p}.type`, message: `type must not be one of: ${CAPI_MACHINE_CONDITIONS.join(', ')}`, value: c.type, fix: 'CAPI sets these conditions itself from the health check; check a condition your provider or controller sets' });
    }
    checkEnum(report, `${p}.status`, c.status, CONDITION_STATUSES, 'condition status');
    if (c.status === undefined) report({ path: `${p}.status`, message: 'is required', allowed: CONDITION_STATUSES.join(', ') });
    checkInteger(report, `${p}.timeoutSeconds`, c.timeoutSeconds ?? -1, 0, 2147483647);
  });
}

/**
 * `nodeLabels` of the control plane or a pool: valid labels, and none the kubelet may not set
 * on its own Node (Kubernetes NodeRestriction admission, plugin/pkg/admission/noderestriction).
 */
export function checkNodeLabels(report: IssueSink, path: string, labels: Record<string, string> | undefined): void {
  checkLabels(report, path, labels);
  for (const key of Object.keys(labels ?? {})) {
    if (!isCapiSyncedLabel(key) && !kubeletMaySet(key)) {
      report({ path: `${path}.${key}`, message: 'the kubelet may not set labels in the kubernetes.io and k8s.io namespaces (NodeRestriction) and would refuse to start', value: key, fix: 'use your own domain, node-role.kubernetes.io/<role> (synced by CAPI), or node.kubernetes.io/...' });
    }
  }
}

// kubernetes pkg/apis/core/validation/validation.go supportedHostPathTypes / validateHostPathType
// (the empty "no check" type is written by leaving pathType out).
const HOST_PATH_TYPES = ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
// cluster-api v1.14.0 api/bootstrap/kubeadm/v1beta2/kubeadm_types.go HostPathMount: 1 to 512 characters; extraVolumes maxItems 100.
const MAX_MOUNT_PATH = 512;

export function checkAbsolutePath(report: IssueSink, path: string, value: unknown): void {
  if (typeof value !== 'string' || !value.startsWith('/')) report({ path, message: 'must be an absolute path', value, fix: 'start the path with /' });
  else if (value.length > MAX_MOUNT_PATH) report({ path, message: `has ${value.length} characters; at most ${MAX_MOUNT_PATH} are allowed`, value });
}

/**
 * kubeadm `extraVolumes` of one control-plane component. kubeadm turns them into hostPath
 * volumes of the static pod, which the kubelet validates like any pod (kubernetes
 * pkg/apis/core/validation/validation.go ValidateVolumes: DNS-1123 label names, unique;
 * ValidateVolumeMounts: unique mount paths) and silently refuses to run when they are invalid.
 * A hostPath that `files` writes must match its pathType (a file is not a Directory).
 */
export function checkHostPathMounts(report: IssueSink, path: string, mounts: readonly HostPathMount[] | undefined, files: readonly KubeadmFile[] | undefined): void {
  if (mounts === undefined) return;
  if (mounts.length === 0) report({ path, message: 'an empty list mounts nothing', fix: 'leave it out' });
  if (mounts.length > 100) report({ path, message: `has ${mounts.length} volumes; at most 100 are allowed`, value: mounts.length });
  const names = new Set<string>();
  const mountPaths = new Set<string>();
  const written = (files ?? []).map(f => f.path).filter(p => typeof p === 'string');
  mounts.forEach((m, i) => {
    const p = `${path}[${i}]`;
    checkName(report, `${p}.name`, m.name, 'label', 'kubeadm makes it the name of a volume in the static pod');
    if (names.has(m.name)) report({ path: `${p}.name`, message: 'another volume of this component has the same name', value: m.name, fix: 'give each volume its own name' });
    names.add(m.name);
    checkAbsolutePath(report, `${p}.hostPath`, m.hostPath);
    checkAbsolutePath(report, `${p}.mountPath`, m.mountPath);
    if (mountPaths.has(m.mountPath)) report({ path: `${p}.mountPath`, message: 'another volume of this component mounts at the same path', value: m.mountPath, fix: 'mount each volume at its own path' });
    mountPaths.add(m.mountPath);
    checkEnum(report, `${p}.pathType`, m.pathType, HOST_PATH_TYPES, 'host path type');
    if (typeof m.hostPath !== 'string') return;
    const file = written.find(f => f === m.hostPath);
    if (file && (m.pathType === 'Directory' || m.pathType === 'DirectoryOrCreate')) {
      report({ path: `${p}.pathType`, message: `${m.hostPath} is a file written by files, not a directory`, value: m.pathType, fix: 'use pathType File' });
    }
    const inside = written.find(f => f.startsWith(m.hostPath.endsWith('/') ? m.hostPath : `${m.hostPath}/`));
    if (inside && (m.pathType === 'File' || m.pathType === 'FileOrCreate')) {
      report({ path: `${p}.pathType`, message: `${m.hostPath} is a directory: files writes ${inside} inside it`, value: m.pathType, fix: 'use pathType Directory' });
    }
  });
}
