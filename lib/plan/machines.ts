/**
 * Which changes to a KubeadmControlPlane or a MachineDeployment replace machines (CAPI v1.14,
 * v1beta2) and which CAPI applies in place.
 */
import { isUnder, projectOnto, valueAt } from './diff';
import type { PlanContext, PlanEntry } from './entry';
import { fieldChanges } from './fields';
import { AUTOSCALER_MAX, AUTOSCALER_MIN, POOL_LABEL, referencesOf } from './objects';
import { PlanFieldChange, PlanInPlaceChange, PlanManifest, PlanRollout, PlanScaling } from './types';

/** The result for one KCP or MD that exists on both sides. */
export interface MachineImpact {
  readonly rollout?: PlanRollout;
  readonly inPlace?: PlanInPlaceChange;
  readonly scaling?: PlanScaling;
}

/** A rule: paths under `prefix` roll machines; `cause` says why in a few words. */
interface RollRule {
  readonly prefix: string;
  readonly cause: (before: PlanManifest, after: PlanManifest, paths: string[], now: Date) => string | undefined;
  /** The rule rotates the template this reference points to: its field changes explain the rollout. */
  readonly templateRef?: boolean;
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

/** An RFC 3339 time (metav1.Time), as `rollout.after` holds it; anything else is not a time. */
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/** The time `rollout.after` names, when it is one. */
function rolloutAfterTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * `rollout.after` rolls the machines created before the time once it has come (CAPI v1.14
 * KCP and MachineDeployment rollout.after): in the past, now; in the future, at that time.
 * Removing it rolls nothing.
 */
function rolloutAfter(path: string): RollRule['cause'] {
  return (_before, after, _paths, now) => {
    const value = valueAt(after, path);
    if (value === undefined) return undefined;
    const time = rolloutAfterTime(value);
    if (time === undefined) return `${path} set to ${text(value)} (machines created before it are replaced from then on)`;
    return time <= now.getTime()
      ? `${path} set to ${value}, which has passed: the rollout starts now (machines created before it are replaced)`
      : `${path} set to ${value}: the rollout starts at that time (machines created before it are replaced then)`;
  };
}

const ROLLOUT_AFTER = 'spec.rollout.after';

const KCP_RULES: RollRule[] = [
  { prefix: 'spec.version', cause: fromTo('spec.version', 'version') },
  { prefix: 'spec.machineTemplate.spec.infrastructureRef', cause: refName('spec.machineTemplate.spec.infrastructureRef', 'machine template'), templateRef: true },
  // CAPI v1.14 updates a few kubeadmConfigSpec fields in place; the plan stays conservative.
  { prefix: 'spec.kubeadmConfigSpec', cause: listed('kubeadmConfigSpec') },
  { prefix: ROLLOUT_AFTER, cause: rolloutAfter(ROLLOUT_AFTER) },
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
    templateRef: true,
  },
  { prefix: 'spec.template.spec.infrastructureRef', cause: refName('spec.template.spec.infrastructureRef', 'machine template'), templateRef: true },
  { prefix: 'spec.template.spec.failureDomain', cause: fromTo('spec.template.spec.failureDomain', 'failure domain') },
  { prefix: ROLLOUT_AFTER, cause: rolloutAfter(ROLLOUT_AFTER) },
  // Anything else in the machine spec (bootstrap.dataSecretName, providerID...) rolls: be conservative.
  { prefix: 'spec.template.spec', cause: listed('machine spec') },
];

interface Classified {
  readonly causes: string[];
  readonly inPlace: string[];
  /** The rules that gave a cause, in rule order. */
  readonly fired: RollRule[];
}

/** Splits changed paths into rolling causes (first matching rule wins) and in-place paths. */
function classify(rules: RollRule[], inPlacePrefixes: string[], before: PlanManifest, after: PlanManifest, paths: string[], now: Date): Classified {
  const byRule = new Map<RollRule, string[]>();
  const inPlace: string[] = [];
  for (const path of paths) {
    const rule = inPlacePrefixes.some((p) => isUnder(path, p)) ? undefined : rules.find((r) => isUnder(path, r.prefix));
    if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), path]);
    else inPlace.push(path);
  }
  const causes: string[] = [];
  const fired: Classified['fired'] = [];
  for (const rule of rules) {
    const rulePaths = byRule.get(rule);
    if (!rulePaths) continue;
    const cause = rule.cause(before, after, rulePaths, now);
    if (cause === undefined) inPlace.push(...rulePaths);
    else {
      causes.push(cause);
      fired.push(rule);
    }
  }
  return { causes, inPlace: inPlace.sort(), fired };
}

/** The template a reference of `m` at `path` points to, looked up on the given sides in order. */
function referencedTemplate(m: PlanManifest, path: string, sides: Array<PlanContext['before']>): PlanManifest | undefined {
  const key = referencesOf(m).find((r) => r.path === path)?.key;
  return key === undefined ? undefined : sides.map((side) => side.objects.get(key)).find((t) => t !== undefined);
}

const TEMPLATE_SPEC = 'spec.template.spec';

/**
 * What changed between the old and the new template of a rotated reference, inside their
 * `spec.template.spec`; empty when either template is on neither side. The old one is looked up
 * on the before side first (files, git, live), then on the after side (a template kept in the
 * manifests). Live, the old template is compared on the new one's paths (server defaults are no change).
 */
function templateFieldChanges(entry: PlanEntry, path: string, context: PlanContext): PlanFieldChange[] {
  const oldTemplate = referencedTemplate(entry.compared!, path, [context.before, context.after]);
  const newTemplate = referencedTemplate(entry.after!, path, [context.after]);
  if (!oldTemplate || !newTemplate) return [];
  const next = valueAt(newTemplate, TEMPLATE_SPEC);
  const old = context.live ? projectOnto(valueAt(oldTemplate, TEMPLATE_SPEC), next) : valueAt(oldTemplate, TEMPLATE_SPEC);
  return fieldChanges(old, next, '', newTemplate.kind);
}

/** The field changes behind the fired rules: the rotated templates' and the object's own. */
function whyFields(classified: Classified, rules: RollRule[], inPlacePrefixes: string[], entry: PlanEntry, context: PlanContext): PlanFieldChange[] {
  const out: PlanFieldChange[] = [];
  for (const rule of classified.fired) {
    if (rule.templateRef) {
      out.push(...templateFieldChanges(entry, rule.prefix, context));
      continue;
    }
    // The rule's own subtree, without what earlier rules or the in-place fields already account for.
    const earlier = rules.slice(0, rules.indexOf(rule)).map((r) => r.prefix);
    const own = fieldChanges(valueAt(entry.compared, rule.prefix), valueAt(entry.after, rule.prefix), rule.prefix, entry.after!.kind, rule.prefix.split('.'));
    out.push(...own.filter((c) => ![...earlier, ...inPlacePrefixes].some((p) => isUnder(c.path, p))));
  }
  return out.sort((a, b) => (a.kind ?? '').localeCompare(b.kind ?? '') || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** When `rollout.after` is a future time and a cause of the rollout: that time. */
function startsAt(classified: Classified, after: PlanManifest, now: Date): { startsAt?: string } {
  if (!classified.fired.some((rule) => rule.prefix === ROLLOUT_AFTER)) return {};
  const value = valueAt(after, ROLLOUT_AFTER);
  const time = rolloutAfterTime(value);
  return time !== undefined && time > now.getTime() ? { startsAt: value as string } : {};
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

const REPLICAS = 'spec.replicas';

/**
 * What a control-plane replica change means for etcd: KCP adds or removes one machine (one etcd
 * member) at a time (its preflight checks allow "one operation at a time": CAPI v1.14.0
 * controlplane/kubeadm/reconcilers/kubeadmcontrolplane/scale.go), so every count between the two
 * is passed; an even count tolerates no more failures than the odd one below it, and two members
 * lose quorum when either fails.
 */
export function controlPlaneScalingNote(from: number, to: number): string {
  const step = to > from ? 1 : -1;
  const counts: number[] = [];
  for (let n = from; n !== to + step; n += step) counts.push(n);
  const how = `${to > from ? 'adds' : 'removes'} one machine (etcd member) at a time: ${counts.join(' → ')}`;
  const notes = counts.slice(1).flatMap((n) => {
    const where = n === to ? 'ends at' : 'passes';
    if (n === 1) return ['1 member has no fault tolerance'];
    if (n === 2) return [`${where} 2 members, which lose quorum when either fails`];
    if (n % 2 === 0) return [`${where} ${n} members, which tolerate no more failures than ${n - 1}`];
    return [];
  });
  return [`KCP ${how}`, ...notes].join('; ');
}

/** The in-place paths without `spec.replicas` when it is a real replica change (then it is scaling). */
function withoutReplicas(inPlace: string[], scaling: PlanScaling | undefined): string[] {
  return scaling ? inPlace.filter((p) => !isUnder(p, REPLICAS)) : inPlace;
}

/**
 * A KubeadmControlPlane change: version, template rotation, kubeadmConfigSpec and a new
 * `rollout.after` roll the control plane one machine at a time; a replica change is scaling; the
 * rest is in place.
 */
export function controlPlaneImpact(entry: PlanEntry, context: PlanContext): MachineImpact {
  const before = entry.compared!;
  const after = entry.after!;
  const classified = classify(KCP_RULES, [], before, after, entry.paths, context.now);
  const maxSurge = controlPlaneMaxSurge(after);
  const base = { target: CONTROL_PLANE_TARGET, kind: after.kind, name: after.metadata.name };
  const [from, to] = [controlPlaneReplicas(before), controlPlaneReplicas(after)];
  const scaling = from !== to ? { ...base, from, to, note: controlPlaneScalingNote(from, to) } : undefined;
  const inPlace = withoutReplicas(classified.inPlace, scaling);
  const { causes } = classified;
  return {
    rollout: causes.length
      ? {
          ...base,
          machines: controlPlaneReplicas(entry.before ?? before),
          maxSurge,
          // KCP replaces one machine at a time: with maxSurge 0 it removes one before adding one.
          maxUnavailable: maxSurge === 0 ? 1 : 0,
          reason: causes.join('; '),
          strategy: 'RollingUpdate',
          causes,
          fieldChanges: whyFields(classified, KCP_RULES, [], entry, context),
          ...startsAt(classified, after, context.now),
        }
      : undefined,
    inPlace: inPlace.length ? { ...base, paths: inPlace } : undefined,
    scaling,
  };
}

/** Autoscaler bounds when the pool is autoscaled (annotations set), else undefined. */
export function autoscalerBounds(md: PlanManifest): { min: string; max: string } | undefined {
  const a = md.metadata.annotations ?? {};
  if (a[AUTOSCALER_MIN] === undefined && a[AUTOSCALER_MAX] === undefined) return undefined;
  return { min: a[AUTOSCALER_MIN] ?? '?', max: a[AUTOSCALER_MAX] ?? '?' };
}

/**
 * A worker pool's replica change. Without `spec.replicas` on an autoscaled pool, CAPI's
 * MachineDeployment defaulting webhook keeps the current count within the autoscaler's bounds and
 * clamps it into them otherwise (CAPI v1.14 core/webhooks/admission/machinedeployment.go
 * calculateMachineDeploymentReplicas); on a pool without bounds, the count becomes 1.
 */
function poolScaling(before: PlanManifest, after: PlanManifest, base: { target: string; kind: string; name: string }): PlanScaling | undefined {
  const from = valueAt(before, REPLICAS);
  if (typeof from !== 'number') return undefined;
  const set = valueAt(after, REPLICAS);
  const bounds = autoscalerBounds(after);
  const [min, max] = [Number(bounds?.min), Number(bounds?.max)];
  let to: number;
  let note: string | undefined;
  if (typeof set === 'number') {
    to = set;
    if (bounds) note = `the pool is autoscaled (${bounds.min} to ${bounds.max}): the autoscaler changes the count again as the workload needs`;
  } else if (bounds && Number.isInteger(min) && Number.isInteger(max)) {
    to = Math.min(Math.max(from, min), max);
    note = `spec.replicas is left to the autoscaler (${bounds.min} to ${bounds.max}): CAPI keeps the current count within those bounds and moves it into them otherwise`;
  } else {
    to = 1;
    note = 'spec.replicas is removed and the pool has no autoscaler bounds: CAPI defaults the count to 1';
  }
  return to !== from ? { ...base, from, to, ...(note ? { note } : {}) } : undefined;
}

/**
 * A MachineDeployment change: the machine spec (except deletion timeouts, minReadySeconds,
 * readinessGates, taints) and a new `rollout.after` roll the pool; a replica change is scaling;
 * template metadata (labels and annotations, synced to Machines and, for CAPI's label domains, to
 * Nodes), autoscaler bounds, the rollout strategy and deletion order are in place.
 */
export function machineDeploymentImpact(entry: PlanEntry, cluster: string, context: PlanContext): MachineImpact {
  const before = entry.compared!;
  const after = entry.after!;
  const rawBefore = entry.before ?? before;
  const classified = classify(MD_RULES, MD_IN_PLACE_MACHINE_SPEC, before, after, entry.paths, context.now);
  const base = { target: poolName(after, cluster), kind: after.kind, name: after.metadata.name };
  const onDelete = valueAt(after, 'spec.rollout.strategy.type') === 'OnDelete';
  const autoscaled = autoscalerBounds(after) ?? autoscalerBounds(rawBefore);
  const scaling = entry.paths.some((p) => isUnder(p, REPLICAS)) ? poolScaling(before, after, base) : undefined;
  const inPlace = withoutReplicas(classified.inPlace, scaling);
  const { causes } = classified;
  return {
    rollout: causes.length
      ? {
          ...base,
          machines: autoscaled ? null : num(valueAt(rawBefore, REPLICAS), 1),
          maxSurge: onDelete ? null : (valueAt(after, 'spec.rollout.strategy.rollingUpdate.maxSurge') as number | string | undefined) ?? 1,
          maxUnavailable: onDelete
            ? null
            : (valueAt(after, 'spec.rollout.strategy.rollingUpdate.maxUnavailable') as number | string | undefined) ?? 0,
          reason: causes.join('; '),
          strategy: onDelete ? 'OnDelete' : 'RollingUpdate',
          causes,
          fieldChanges: whyFields(classified, MD_RULES, MD_IN_PLACE_MACHINE_SPEC, entry, context),
          ...startsAt(classified, after, context.now),
          ...(autoscaled ? { autoscaling: autoscaled } : {}),
        }
      : undefined,
    inPlace: inPlace.length ? { ...base, paths: inPlace } : undefined,
    scaling,
  };
}
