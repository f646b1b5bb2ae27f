/**
 * Which changes to a KubeadmControlPlane or a MachineDeployment replace machines (CAPI v1.14,
 * v1beta2) and which CAPI applies in place.
 */
import { isUnder, valueAt } from './diff';
import { AUTOSCALER_MAX, AUTOSCALER_MIN, POOL_LABEL } from './objects';
import { PlanInPlaceChange, PlanManifest, PlanRollout } from './types';

/** The result for one KCP or MD that exists on both sides. */
export interface MachineImpact {
  readonly rollout?: PlanRollout;
  readonly inPlace?: PlanInPlaceChange;
}

/** A rule: paths under `prefix` roll machines; `cause` says why in a few words. */
interface RollRule {
  readonly prefix: string;
  readonly cause: (before: PlanManifest, after: PlanManifest, paths: string[]) => string | undefined;
}

function text(value: unknown): string {
  return value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
}

function fromTo(path: string, label: string): RollRule['cause'] {
  return (before, after) => `${label} ${text(valueAt(before, path))} → ${text(valueAt(after, path))}`;
}

function refName(path: string, label: string): RollRule['cause'] {
  return (before, after) => {
    const b = valueAt(before, path) as { kind?: string; name?: string } | undefined;
    const a = valueAt(after, path) as { kind?: string; name?: string } | undefined;
    const show = (r: typeof a) => (r ? (r.kind !== b?.kind || r.kind !== a?.kind ? `${r.kind}/${r.name}` : `${r.name}`) : '(unset)');
    return `${label} rotated ${show(b)} → ${show(a)}`;
  };
}

function listed(label: string): RollRule['cause'] {
  return (_b, _a, paths) => {
    const shown = paths.slice(0, 3).join(', ');
    return `${label} changed (${shown}${paths.length > 3 ? `, and ${paths.length - 3} more` : ''})`;
  };
}

/** `rollout.after` rolls the machines created before the new time; removing it rolls nothing. */
function rolloutAfter(path: string): RollRule['cause'] {
  return (_before, after) => {
    const value = valueAt(after, path);
    return value === undefined ? undefined : `${path} set to ${text(value)} (machines created before it are replaced from then on)`;
  };
}

const KCP_RULES: RollRule[] = [
  { prefix: 'spec.version', cause: fromTo('spec.version', 'version') },
  { prefix: 'spec.machineTemplate.spec.infrastructureRef', cause: refName('spec.machineTemplate.spec.infrastructureRef', 'machine template') },
  // CAPI v1.14 updates a few kubeadmConfigSpec fields in place; the plan stays conservative.
  { prefix: 'spec.kubeadmConfigSpec', cause: listed('kubeadmConfigSpec') },
  { prefix: 'spec.rollout.after', cause: rolloutAfter('spec.rollout.after') },
];

/** Machine spec fields that CAPI propagates to existing Machines without replacing them. */
const MD_IN_PLACE_MACHINE_SPEC = ['deletion', 'minReadySeconds', 'readinessGates', 'taints'].map(
  (f) => `spec.template.spec.${f}`,
);

const MD_RULES: RollRule[] = [
  { prefix: 'spec.template.spec.version', cause: fromTo('spec.template.spec.version', 'version') },
  {
    prefix: 'spec.template.spec.bootstrap.configRef',
    cause: refName('spec.template.spec.bootstrap.configRef', 'bootstrap config template'),
  },
  { prefix: 'spec.template.spec.infrastructureRef', cause: refName('spec.template.spec.infrastructureRef', 'machine template') },
  { prefix: 'spec.template.spec.failureDomain', cause: fromTo('spec.template.spec.failureDomain', 'failure domain') },
  { prefix: 'spec.rollout.after', cause: rolloutAfter('spec.rollout.after') },
  // Anything else in the machine spec (bootstrap.dataSecretName, providerID...) rolls: be conservative.
  { prefix: 'spec.template.spec', cause: listed('machine spec') },
];

/** Splits changed paths into rolling causes (first matching rule wins) and in-place paths. */
function classify(
  rules: RollRule[],
  inPlacePrefixes: string[],
  before: PlanManifest,
  after: PlanManifest,
  paths: string[],
): { causes: string[]; inPlace: string[] } {
  const byRule = new Map<RollRule, string[]>();
  const inPlace: string[] = [];
  for (const path of paths) {
    const rule = inPlacePrefixes.some((p) => isUnder(path, p)) ? undefined : rules.find((r) => isUnder(path, r.prefix));
    if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), path]);
    else inPlace.push(path);
  }
  const causes: string[] = [];
  for (const rule of rules) {
    const rulePaths = byRule.get(rule);
    if (!rulePaths) continue;
    const cause = rule.cause(before, after, rulePaths);
    if (cause === undefined) inPlace.push(...rulePaths);
    else causes.push(cause);
  }
  return { causes, inPlace: inPlace.sort() };
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The pool name: the pool label, else the MD name without its `<cluster>-` prefix. */
export function poolName(md: PlanManifest, cluster: string): string {
  const label = md.metadata.labels?.[POOL_LABEL];
  if (label) return label;
  const prefix = `${cluster}-`;
  return md.metadata.name.startsWith(prefix) ? md.metadata.name.slice(prefix.length) : md.metadata.name;
}

export const CONTROL_PLANE_TARGET = 'control-plane';

/** KCP replicas (CAPI defaults an unset count to 1). */
export function controlPlaneReplicas(kcp: PlanManifest): number {
  return num(valueAt(kcp, 'spec.replicas'), 1);
}

export function controlPlaneMaxSurge(kcp: PlanManifest): number {
  return num(valueAt(kcp, 'spec.rollout.strategy.rollingUpdate.maxSurge'), 1);
}

/**
 * A KubeadmControlPlane change: version, template rotation, kubeadmConfigSpec and a new
 * `rollout.after` roll the control plane one machine at a time; the rest is in place.
 * `rawBefore` gives the current machine count (the compared `before` may be projected).
 */
export function controlPlaneImpact(before: PlanManifest, after: PlanManifest, paths: string[], rawBefore = before): MachineImpact {
  const { causes, inPlace } = classify(KCP_RULES, [], before, after, paths);
  const maxSurge = controlPlaneMaxSurge(after);
  const base = { target: CONTROL_PLANE_TARGET, kind: after.kind, name: after.metadata.name };
  return {
    rollout: causes.length
      ? {
          ...base,
          machines: controlPlaneReplicas(rawBefore),
          maxSurge,
          // KCP replaces one machine at a time: with maxSurge 0 it removes one before adding one.
          maxUnavailable: maxSurge === 0 ? 1 : 0,
          reason: causes.join('; '),
          strategy: 'RollingUpdate',
          causes,
          fieldChanges: [],
        }
      : undefined,
    inPlace: inPlace.length ? { ...base, paths: inPlace } : undefined,
  };
}

/** Autoscaler bounds when the pool is autoscaled (annotations set), else undefined. */
export function autoscalerBounds(md: PlanManifest): { min: string; max: string } | undefined {
  const a = md.metadata.annotations ?? {};
  if (a[AUTOSCALER_MIN] === undefined && a[AUTOSCALER_MAX] === undefined) return undefined;
  return { min: a[AUTOSCALER_MIN] ?? '?', max: a[AUTOSCALER_MAX] ?? '?' };
}

/**
 * A MachineDeployment change: the machine spec (except deletion timeouts, minReadySeconds,
 * readinessGates, taints) and a new `rollout.after` roll the pool; template metadata (labels and
 * annotations, synced to Machines and, for CAPI's label domains, to Nodes), replicas, autoscaler
 * bounds, the rollout strategy and deletion order are in place.
 */
export function machineDeploymentImpact(
  before: PlanManifest,
  after: PlanManifest,
  paths: string[],
  cluster: string,
  rawBefore = before,
): MachineImpact {
  const { causes, inPlace } = classify(MD_RULES, MD_IN_PLACE_MACHINE_SPEC, before, after, paths);
  const base = { target: poolName(after, cluster), kind: after.kind, name: after.metadata.name };
  const onDelete = valueAt(after, 'spec.rollout.strategy.type') === 'OnDelete';
  const autoscaled = autoscalerBounds(after) ?? autoscalerBounds(rawBefore);
  return {
    rollout: causes.length
      ? {
          ...base,
          machines: autoscaled ? null : num(valueAt(rawBefore, 'spec.replicas'), 1),
          maxSurge: onDelete ? null : (valueAt(after, 'spec.rollout.strategy.rollingUpdate.maxSurge') as number | string | undefined) ?? 1,
          maxUnavailable: onDelete
            ? null
            : (valueAt(after, 'spec.rollout.strategy.rollingUpdate.maxUnavailable') as number | string | undefined) ?? 0,
          reason: causes.join('; '),
          strategy: onDelete ? 'OnDelete' : 'RollingUpdate',
          causes,
          fieldChanges: [],
          ...(autoscaled ? { autoscaling: autoscaled } : {}),
        }
      : undefined,
    inPlace: inPlace.length ? { ...base, paths: inPlace } : undefined,
  };
}
