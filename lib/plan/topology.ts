/**
 * ClusterClasses and topology Clusters (Cluster API v1.14, v1beta2): what a class change or a
 * `spec.topology` change makes the topology controller do to machines.
 *
 * The rules mirror kubernetes-sigs/cluster-api v1.14.0 (tag v1.14.0-rc.1 of the mirror):
 * - core/reconcilers/topology/cluster/reconcile_state.go reconcileReferencedTemplate(): a
 *   cluster's machine and bootstrap templates are computed from the class's templates (plus
 *   patches); when their spec differs the controller creates a new template and repoints the
 *   MachineDeployment / KubeadmControlPlane (template rotation), so CAPI replaces the machines; a
 *   change of metadata only is patched in place. reconcileInfrastructureCluster() and
 *   reconcileControlPlane() patch the InfraCluster and the KubeadmControlPlane objects in place
 *   (reconcileReferencedObject), and KCP then rolls for the fields it rolls for.
 * - exp/topology/desiredstate/upgrade_plan.go: `spec.topology.version` upgrades the control plane
 *   first, then the workers; with `ClusterClass.spec.kubernetesVersions` an upgrade across several
 *   minors is chained (GetUpgradePlanFromClusterClassVersions: the latest listed version of each
 *   minor in between) and workers skip steps while the kubelet skew allows it
 *   (DefaultAndValidateUpgradePlans: a workers step every 3 minors, and the target); without the
 *   list (and without an upgrade-plan extension) only the next minor is allowed.
 * - core/webhooks/admission/cluster.go validateTopology(): the version cannot decrease, may rise
 *   by at most one minor unless the class lists versions, and a classRef change needs compatible
 *   classes (internal/topology/check/compatibility.go ClusterClassesAreCompatible: the same group
 *   and kind of the infrastructure, control plane and machine templates; worker classes in use
 *   must exist: MachineDeploymentTopologiesAreValidAndDefinedInClusterClass). Variables are checked
 *   against the class there too (internal/topology/variables/cluster_variable_defaulting.go:
 *   "variable is not defined").
 * - core/webhooks/admission/clusterclass.go: a class used by clusters cannot be deleted
 *   (ValidateDelete), nor lose a worker class they use (validateRemovedMachineDeploymentClassesAreNotUsed)
 *   or a Kubernetes version they run (validateKubernetesVersionsOfClusters).
 */
import { API } from '../capi';
import { compareVersions, formatMinor, isInWindow, minorDistance, parseVersion, ParsedVersion } from '../core/versions';
import { changedPaths, deepEqual, isUnder, projectOnto, valueAt } from './diff';
import type { PlanContext, PlanEntry } from './entry';
import { fieldChanges } from './fields';
import { immutableFieldViolations } from './immutable';
import { CONTROL_PLANE_TARGET, controlPlaneScalingNote } from './machines';
import { AUTOSCALER_MAX, AUTOSCALER_MIN, ClassTemplateRef, classTemplateRef as templateRef, classTemplateRefs, ClusterId, clusterId, groupOf, objectKey } from './objects';
import {
  PlanClassImpact,
  PlanDanger,
  PlanDangerCode,
  PlanExternalReference,
  PlanFieldChange,
  PlanInPlaceChange,
  PlanManifest,
  PlanRollout,
  PlanScaling,
  PlanVersionStep,
} from './types';

const CAPI_GROUP: string = API.cluster.group;
export const CLUSTER_CLASS_KIND = 'ClusterClass';
/** The target of a class's infrastructure cluster template (the clusters' AWSCluster, DockerCluster...). */
export const INFRASTRUCTURE_TARGET = 'infrastructure';

type Json = unknown;
type Obj = Record<string, Json>;

function isObject(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function list(v: Json): Json[] {
  return Array.isArray(v) ? v : [];
}

export function isClusterClass(m: PlanManifest): boolean {
  return m.kind === CLUSTER_CLASS_KIND && groupOf(m.apiVersion) === CAPI_GROUP;
}

export function isTopologyCluster(m: PlanManifest | undefined): m is PlanManifest {
  return m !== undefined && m.kind === 'Cluster' && groupOf(m.apiVersion) === CAPI_GROUP && isObject(valueAt(m, 'spec.topology'));
}


interface WorkerClass {
  readonly raw: Obj;
  readonly bootstrap?: ClassTemplateRef;
  readonly infrastructure?: ClassTemplateRef;
}

/** A ClusterClass as the plan reads it. */
interface ClassInfo {
  readonly m: PlanManifest;
  readonly infrastructure?: ClassTemplateRef;
  readonly controlPlane?: ClassTemplateRef;
  readonly controlPlaneMachine?: ClassTemplateRef;
  readonly workers: Map<string, WorkerClass>;
  readonly variables: Set<string>;
  readonly patches: Obj[];
  readonly kubernetesVersions: string[];
  readonly upgradeExtension: boolean;
}

function readClass(m: PlanManifest): ClassInfo {
  const workers = new Map<string, WorkerClass>();
  list(valueAt(m, 'spec.workers.machineDeployments')).forEach((w, i) => {
    if (!isObject(w) || typeof w.class !== 'string' || workers.has(w.class)) return;
    const at = `spec.workers.machineDeployments[${i}]`;
    workers.set(w.class, {
      raw: w,
      bootstrap: templateRef(m, valueAt(w, 'bootstrap.templateRef'), `${at}.bootstrap.templateRef`),
      infrastructure: templateRef(m, valueAt(w, 'infrastructure.templateRef'), `${at}.infrastructure.templateRef`),
    });
  });
  return {
    m,
    infrastructure: templateRef(m, valueAt(m, 'spec.infrastructure.templateRef'), 'spec.infrastructure.templateRef'),
    controlPlane: templateRef(m, valueAt(m, 'spec.controlPlane.templateRef'), 'spec.controlPlane.templateRef'),
    controlPlaneMachine: templateRef(m, valueAt(m, 'spec.controlPlane.machineInfrastructure.templateRef'), 'spec.controlPlane.machineInfrastructure.templateRef'),
    workers,
    variables: new Set(list(valueAt(m, 'spec.variables')).flatMap((v) => (isObject(v) && typeof v.name === 'string' ? [v.name] : []))),
    patches: list(valueAt(m, 'spec.patches')).filter(isObject),
    kubernetesVersions: list(valueAt(m, 'spec.kubernetesVersions')).filter((v): v is string => typeof v === 'string'),
    upgradeExtension: typeof valueAt(m, 'spec.upgrade.external.generateUpgradePlanExtension') === 'string',
  };
}


/** `namespace/name` of a class. */
function classId(m: PlanManifest): string {
  return `${m.metadata.namespace ?? ''}/${m.metadata.name}`;
}

interface WorkerTopology {
  readonly name: string;
  readonly class?: string;
  readonly replicas?: number;
  readonly raw: Obj;
  readonly variables: Map<string, Json>;
}

interface TopologyInfo {
  readonly id: ClusterId;
  readonly m: PlanManifest;
  /** `namespace/name` of the class. */
  readonly classId?: string;
  readonly version?: string;
  readonly controlPlaneReplicas?: number;
  readonly workers: Map<string, WorkerTopology>;
  readonly variables: Map<string, Json>;
}

function variableMap(value: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const v of list(value)) if (isObject(v) && typeof v.name === 'string' && !out.has(v.name)) out.set(v.name, v.value);
  return out;
}

function readTopology(m: PlanManifest): TopologyInfo {
  const t = valueAt(m, 'spec.topology') as Obj;
  const ns = m.metadata.namespace ?? '';
  const className = str(valueAt(t, 'classRef.name'));
  const classNs = str(valueAt(t, 'classRef.namespace')) || ns;
  const workers = new Map<string, WorkerTopology>();
  for (const w of list(valueAt(t, 'workers.machineDeployments'))) {
    if (!isObject(w) || typeof w.name !== 'string' || workers.has(w.name)) continue;
    workers.set(w.name, {
      name: w.name,
      class: str(w.class),
      replicas: typeof w.replicas === 'number' ? w.replicas : undefined,
      raw: w,
      variables: variableMap(valueAt(w, 'variables.overrides')),
    });
  }
  const replicas = valueAt(t, 'controlPlane.replicas');
  return {
    id: clusterId(ns, m.metadata.name),
    m,
    classId: className ? `${classNs}/${className}` : undefined,
    version: str(t.version),
    controlPlaneReplicas: typeof replicas === 'number' ? replicas : undefined,
    workers,
    variables: variableMap(t.variables),
  };
}

/** What the topology analysis adds to one cluster. */
export interface TopologyClusterImpact {
  readonly rollouts: PlanRollout[];
  readonly scaling: PlanScaling[];
  readonly versions: PlanVersionStep[];
  readonly inPlace: PlanInPlaceChange[];
  readonly dangers: PlanDanger[];
  readonly externalReferences: PlanExternalReference[];
}

/** What the analysis of one class finds, before it is joined with the class's entries in plan.ts. */
export interface ClassAnalysis {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly impacts: PlanClassImpact[];
  readonly clusters: string[];
  readonly dangers: PlanDanger[];
  /** Keys of the templates the class references on either side. */
  readonly templateKeys: Set<string>;
}

/** A rollout being put together from several causes. */
interface Pending {
  readonly kind: string;
  readonly name: string;
  machines: number | null;
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
  readonly causes: string[];
  readonly fieldChanges: PlanFieldChange[];
  possible: boolean;
  readonly autoscaling?: { readonly min: string; readonly max: string };
}

/** The autoscaler bounds a topology worker carries in its metadata annotations (then its replicas are unset). */
function autoscalerBoundsOf(worker: Obj): { min: string; max: string } | undefined {
  const a = valueAt(worker, 'metadata.annotations');
  if (!isObject(a)) return undefined;
  const [min, max] = [a[AUTOSCALER_MIN], a[AUTOSCALER_MAX]];
  if (min === undefined && max === undefined) return undefined;
  return { min: typeof min === 'string' ? min : '?', max: typeof max === 'string' ? max : '?' };
}

/** Per cluster: rollouts by target, and the rest as lists. */
class ClusterAccumulator {
  readonly rollouts = new Map<string, Pending>();
  readonly scaling: PlanScaling[] = [];
  readonly versions: PlanVersionStep[] = [];
  readonly inPlace = new Map<string, { kind: string; name: string; paths: Set<string> }>();
  readonly dangers: PlanDanger[] = [];
  readonly externalReferences: PlanExternalReference[] = [];

  /** `before`: the cluster's topology before the change, whose replicas are the machines that roll. */
  constructor(readonly topology: TopologyInfo, readonly before?: TopologyInfo) {}

  private base(target: string): { kind: string; name: string } {
    const cluster = this.topology.m.metadata.name;
    // The topology controller names the objects `<cluster>-<random>` and `<cluster>-<worker>-<random>`: the plan shows the stable part.
    return target === CONTROL_PLANE_TARGET ? { kind: 'KubeadmControlPlane', name: cluster } : { kind: 'MachineDeployment', name: `${cluster}-${target}` };
  }

  roll(target: string, cause: string, changes: PlanFieldChange[] = [], possible = false): void {
    let p = this.rollouts.get(target);
    if (!p) {
      const worker = this.topology.workers.get(target);
      const existing = this.before?.workers.get(target) ?? worker;
      const rollout = isObject(worker?.raw.rollout) ? worker!.raw.rollout : {};
      p = {
        ...this.base(target),
        machines: target === CONTROL_PLANE_TARGET ? ((this.before ?? this.topology).controlPlaneReplicas ?? 1) : (existing?.replicas ?? null),
        // KCP: one machine at a time; MD: CAPI's defaults unless the topology sets them.
        maxSurge: target === CONTROL_PLANE_TARGET ? 1 : ((valueAt(rollout, 'strategy.rollingUpdate.maxSurge') as number | string | undefined) ?? 1),
        maxUnavailable: target === CONTROL_PLANE_TARGET ? 0 : ((valueAt(rollout, 'strategy.rollingUpdate.maxUnavailable') as number | string | undefined) ?? 0),
        causes: [],
        fieldChanges: [],
        possible: true,
        autoscaling: existing && autoscalerBoundsOf(existing.raw),
      };
      this.rollouts.set(target, p);
    }
    if (!p.causes.includes(cause)) p.causes.push(cause);
    p.fieldChanges.push(...changes.filter((c) => !p!.fieldChanges.some((f) => deepEqual(f, c))));
    // Certain as soon as one cause is.
    p.possible = p.possible && possible;
  }

  place(target: string, paths: string[]): void {
    const known = this.inPlace.get(target) ?? { ...this.base(target), paths: new Set<string>() };
    for (const p of paths) known.paths.add(p);
    this.inPlace.set(target, known);
  }

  result(): TopologyClusterImpact {
    const order = (t: string) => (t === CONTROL_PLANE_TARGET ? '' : t);
    const rollouts = [...this.rollouts.entries()]
      .sort(([a], [b]) => order(a).localeCompare(order(b)))
      .map(([target, p]): PlanRollout => ({
        target,
        kind: p.kind,
        name: p.name,
        machines: p.machines,
        maxSurge: p.maxSurge,
        maxUnavailable: p.maxUnavailable,
        reason: p.causes.join('; '),
        strategy: 'RollingUpdate',
        causes: p.causes,
        fieldChanges: [...p.fieldChanges].sort((a, b) => (a.kind ?? '').localeCompare(b.kind ?? '') || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
        ...(p.autoscaling ? { autoscaling: p.autoscaling } : {}),
        ...(p.possible ? { possible: true } : {}),
      }));
    const inPlace = [...this.inPlace.entries()]
      .sort(([a], [b]) => order(a).localeCompare(order(b)))
      .map(([target, p]) => ({ target, kind: p.kind, name: p.name, paths: [...p.paths].sort() }));
    return { rollouts, scaling: this.scaling, versions: this.versions, inPlace, dangers: this.dangers, externalReferences: this.externalReferences };
  }
}

function danger(code: PlanDangerCode, m: PlanManifest, message: string): PlanDanger {
  return { code, message, object: `${m.kind}/${m.metadata.name}` };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function text(value: Json): string {
  return value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
}

const TEMPLATE_SPEC = 'spec.template.spec';

/** A template seen from both sides: the old one by its before reference, the new one by its after reference. */
interface TemplatePair {
  readonly before?: PlanManifest;
  readonly after?: PlanManifest;
}

function pair(context: PlanContext, before: ClassTemplateRef | undefined, after: ClassTemplateRef | undefined): TemplatePair {
  return {
    before: before && (context.before.objects.get(before.key) ?? context.after.objects.get(before.key)),
    after: after && context.after.objects.get(after.key),
  };
}

/** The spec and metadata differences of a template pair; undefined when either is unknown. */
function templateDiff(p: TemplatePair, live: boolean): { spec: PlanFieldChange[]; specPaths: string[]; metadata: string[] } | undefined {
  if (!p.before || !p.after) return undefined;
  const seen = (path: string) => [live ? projectOnto(valueAt(p.before, path), valueAt(p.after, path)) : valueAt(p.before, path), valueAt(p.after, path)];
  const [b, a] = seen(TEMPLATE_SPEC);
  const [mb, ma] = seen('spec.template.metadata');
  return {
    spec: fieldChanges(b, a, '', p.after.kind),
    specPaths: changedPaths(b, a),
    metadata: changedPaths(mb, ma, 'spec.template.metadata'),
  };
}

/** Live, the before side is compared on the desired side's paths only (server defaults are no change, as in plan.ts). */
function seenBefore<T>(before: T, after: unknown, live: boolean): T {
  return live ? (projectOnto(before, after) as T) : before;
}

/** A change the clusters of a class (or one rebasing cluster) get, before it is applied to them. */
interface TargetChange {
  readonly target: string;
  readonly what: string;
  readonly effect: PlanClassImpact['effect'];
  readonly fieldChanges: PlanFieldChange[];
  /** The paths patched in place, for `in-place`. */
  readonly paths: string[];
  /** Dangers per cluster (the topology controller's in-place patch of an object the webhook guards). */
  readonly dangers?: (cluster: TopologyInfo) => PlanDanger[];
}

/** KCP template fields that KCP rolls machines for (machines.ts KCP_RULES, in the template's spec). */
const KCP_ROLLING = ['kubeadmConfigSpec', 'rollout.after'];

/**
 * A synthetic object of `kind` whose spec is each template's `spec.template.spec`: what the topology
 * controller writes into the clusters' object, so the immutable-field rules of that kind apply.
 */
function asObject(kind: string, p: TemplatePair, name: string): PlanEntry | undefined {
  if (!p.before || !p.after) return undefined;
  const make = (t: PlanManifest): PlanManifest => ({ apiVersion: t.apiVersion, kind, metadata: { name, namespace: t.metadata.namespace }, spec: valueAt(t, TEMPLATE_SPEC) });
  const [before, after] = [make(p.before), make(p.after)];
  const paths = changedPaths(before, after);
  return { key: objectKey(after), before, after, compared: before, action: paths.length ? 'updated' : undefined, paths };
}

/** The machine template of the control plane or a worker class changed: its spec rolls, its metadata is in place. */
function machineTemplateChange(target: string, what: string, p: TemplatePair, renamed: boolean, live: boolean): TargetChange[] {
  const diff = templateDiff(p, live);
  if (!diff) {
    // One side is not in the manifests: a rename is a rotation the plan cannot look into.
    return renamed ? [{ target, what: `${what} replaced (not in the manifests on both sides)`, effect: 'possible-rollout', fieldChanges: [], paths: [] }] : [];
  }
  const out: TargetChange[] = [];
  if (diff.spec.length) out.push({ target, what: `${what} changed`, effect: 'rollout', fieldChanges: diff.spec, paths: [] });
  if (diff.metadata.length) out.push({ target, what: `${what} metadata changed`, effect: 'in-place', fieldChanges: [], paths: diff.metadata });
  return out;
}

/** MachineDeploymentClass fields that roll the pool (as machines.ts MD_RULES); the rest is in place. */
const WORKER_CLASS_ROLLING = ['failureDomain'];
const WORKER_CLASS_REFS = ['bootstrap', 'infrastructure'];

/**
 * What changes for the clusters when their class goes from `before` to `after` (the same class
 * changed, or a cluster rebased to another class), per target.
 */
function classChanges(before: ClassInfo, after: ClassInfo, context: PlanContext): TargetChange[] {
  const out: TargetChange[] = [];
  const renamed = (a?: ClassTemplateRef, b?: ClassTemplateRef) => a?.key !== b?.key;

  const infra = pair(context, before.infrastructure, after.infrastructure);
  const infraDiff = templateDiff(infra, context.live);
  if (infraDiff && (infraDiff.spec.length || infraDiff.metadata.length)) {
    const kind = infra.after!.kind.replace(/Template$/, '');
    out.push({
      target: INFRASTRUCTURE_TARGET,
      what: 'infrastructure cluster template changed',
      effect: 'in-place',
      fieldChanges: infraDiff.spec,
      paths: [...infraDiff.specPaths.map((p) => `spec.${p}`), ...infraDiff.metadata],
      dangers: (cluster) => {
        const entry = asObject(kind, infra, cluster.m.metadata.name);
        return entry?.action
          ? immutableFieldViolations(entry).map((v) =>
              danger('immutable-field-changed', cluster.m, `the topology controller patches the ${kind} of cluster ${cluster.m.metadata.name} in place from the class's ${infra.after!.kind}: ${v.message}`),
            )
          : [];
      },
    });
  }

  const cp = pair(context, before.controlPlane, after.controlPlane);
  const cpDiff = templateDiff(cp, context.live);
  if (cpDiff && cpDiff.specPaths.length) {
    const rolling = cpDiff.spec.filter((c) => KCP_ROLLING.some((r) => isUnder(c.path, r)));
    const inPlace = cpDiff.specPaths.filter((p) => !KCP_ROLLING.some((r) => isUnder(p, r)));
    if (rolling.length) out.push({ target: CONTROL_PLANE_TARGET, what: 'control plane template changed', effect: 'rollout', fieldChanges: rolling, paths: [] });
    if (inPlace.length) out.push({ target: CONTROL_PLANE_TARGET, what: 'control plane template changed', effect: 'in-place', fieldChanges: [], paths: inPlace.map((p) => `spec.${p}`) });
    const name = cp.after!.metadata.name;
    const entry = asObject(cp.after!.kind.replace(/Template$/, ''), cp, name);
    const violations = entry?.action ? immutableFieldViolations(entry) : [];
    if (violations.length) {
      out.push({
        target: CONTROL_PLANE_TARGET,
        what: 'control plane template changed',
        effect: 'in-place',
        fieldChanges: [],
        paths: [],
        dangers: (cluster) => violations.map((v) => danger('immutable-field-changed', cluster.m, `the topology controller patches the KubeadmControlPlane of cluster ${cluster.m.metadata.name} in place from the class's ${cp.after!.kind}: ${v.message}`)),
      });
    }
  } else if (!cpDiff && renamed(before.controlPlane, after.controlPlane)) {
    out.push({ target: CONTROL_PLANE_TARGET, what: 'control plane template replaced (not in the manifests on both sides)', effect: 'possible-rollout', fieldChanges: [], paths: [] });
  }
  out.push(...machineTemplateChange(CONTROL_PLANE_TARGET, 'control plane machine template', pair(context, before.controlPlaneMachine, after.controlPlaneMachine), renamed(before.controlPlaneMachine, after.controlPlaneMachine), context.live));

  for (const [name, w] of after.workers) {
    const old = before.workers.get(name);
    if (!old) continue;
    out.push(...machineTemplateChange(name, 'machine template', pair(context, old.infrastructure, w.infrastructure), renamed(old.infrastructure, w.infrastructure), context.live));
    out.push(...machineTemplateChange(name, 'bootstrap template', pair(context, old.bootstrap, w.bootstrap), renamed(old.bootstrap, w.bootstrap), context.live));
    const strip = (raw: Obj) => Object.fromEntries(Object.entries(raw).filter(([k]) => ![...WORKER_CLASS_REFS, 'class'].includes(k)));
    const oldOwn = seenBefore(strip(old.raw), strip(w.raw), context.live);
    const own = fieldChanges(oldOwn, strip(w.raw), '', CLUSTER_CLASS_KIND);
    const rolling = own.filter((c) => WORKER_CLASS_ROLLING.some((r) => isUnder(c.path, r)));
    const inPlace = changedPaths(oldOwn, strip(w.raw)).filter((p) => !WORKER_CLASS_ROLLING.some((r) => isUnder(p, r)));
    if (rolling.length) out.push({ target: name, what: 'worker class changed', effect: 'rollout', fieldChanges: rolling, paths: [] });
    if (inPlace.length) out.push({ target: name, what: 'worker class changed', effect: 'in-place', fieldChanges: [], paths: inPlace });
  }

  // Changed or new patches: the plan does not evaluate them, so what they target may roll.
  const byName = (patches: Obj[]) => new Map(patches.map((p) => [text(p.name), p]));
  const oldPatches = byName(before.patches);
  for (const [name, patch] of byName(after.patches)) {
    const old = oldPatches.get(name);
    if (old && deepEqual(seenBefore(old, patch, context.live), patch)) continue;
    for (const target of patchTargets(patch, after)) {
      out.push({
        target,
        what: `patch ${name} ${old ? 'changed' : 'added'}`,
        effect: target === INFRASTRUCTURE_TARGET ? 'in-place' : 'possible-rollout',
        fieldChanges: [],
        paths: target === INFRASTRUCTURE_TARGET ? [`patch ${name}`] : [],
      });
    }
  }
  for (const [name, patch] of oldPatches) {
    if (byName(after.patches).has(name)) continue;
    for (const target of patchTargets(patch, before)) {
      if (target === INFRASTRUCTURE_TARGET || after.workers.has(target) || target === CONTROL_PLANE_TARGET) {
        out.push({ target, what: `patch ${name} removed`, effect: target === INFRASTRUCTURE_TARGET ? 'in-place' : 'possible-rollout', fieldChanges: [], paths: target === INFRASTRUCTURE_TARGET ? [`patch ${name}`] : [] });
      }
    }
  }
  return out;
}

/** The targets a patch's selectors match: `infrastructure`, `control-plane`, worker classes; every target for an external patch. */
function patchTargets(patch: Obj, cls: ClassInfo): string[] {
  const all = [INFRASTRUCTURE_TARGET, CONTROL_PLANE_TARGET, ...cls.workers.keys()];
  if (isObject(patch.external)) return all;
  const out = new Set<string>();
  for (const d of list(patch.definitions)) {
    const match = valueAt(d, 'selector.matchResources');
    if (!isObject(match)) continue;
    if (match.infrastructureCluster === true) out.add(INFRASTRUCTURE_TARGET);
    if (match.controlPlane === true) out.add(CONTROL_PLANE_TARGET);
    const names = list(valueAt(match, 'machineDeploymentClass.names')).filter((n): n is string => typeof n === 'string');
    for (const n of names) if (cls.workers.has(n) || n === '*') (n === '*' ? [...cls.workers.keys()] : [n]).forEach((x) => out.add(x));
  }
  return [...out];
}

/** Whether a variable is used by a patch definition, and how: `direct` for a plain `valueFrom.variable` without `enabledIf`. */
function patchUse(patch: Obj, variable: string): 'direct' | 'indirect' | undefined {
  if (isObject(patch.external)) return 'indirect';
  const mentions = (s: Json) => typeof s === 'string' && new RegExp(`\\.${variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(s);
  let use: 'direct' | 'indirect' | undefined;
  if (mentions(patch.enabledIf)) use = 'indirect';
  for (const d of list(patch.definitions)) {
    for (const jp of list(valueAt(d, 'jsonPatches'))) {
      const from = valueAt(jp, 'valueFrom');
      const v = str(valueAt(from, 'variable'));
      if (v === variable || v?.startsWith(`${variable}.`)) use = use ?? (patch.enabledIf === undefined ? 'direct' : 'indirect');
      else if (mentions(valueAt(from, 'template'))) use = 'indirect';
    }
  }
  return use;
}

/** The topology controller applies one cluster's share of a change. */
function apply(acc: ClusterAccumulator, change: TargetChange, label: string): void {
  const targets = [INFRASTRUCTURE_TARGET, CONTROL_PLANE_TARGET].includes(change.target)
    ? [change.target]
    : [...acc.topology.workers.values()].filter((w) => w.class === change.target).map((w) => w.name);
  for (const target of targets) {
    if (change.effect === 'in-place') {
      if (change.paths.length) acc.place(target, change.paths);
    } else {
      acc.roll(target, `${label}: ${change.what}${change.effect === 'possible-rollout' ? ' (may roll: the plan does not evaluate patches)' : ''}`, change.fieldChanges, change.effect === 'possible-rollout');
    }
  }
  acc.dangers.push(...(change.dangers?.(acc.topology) ?? []));
}

/** Does a cluster of a class get this change (it has the target)? */
function concerns(cluster: TopologyInfo, change: TargetChange): boolean {
  return [INFRASTRUCTURE_TARGET, CONTROL_PLANE_TARGET].includes(change.target) || [...cluster.workers.values()].some((w) => w.class === change.target);
}

function readSide(side: PlanContext['before']): { classes: Map<string, ClassInfo>; clusters: Map<ClusterId, TopologyInfo> } {
  const classes = new Map<string, ClassInfo>();
  const clusters = new Map<ClusterId, TopologyInfo>();
  for (const m of side.objects.values()) {
    if (isClusterClass(m)) classes.set(classId(m), readClass(m));
    else if (isTopologyCluster(m)) {
      const t = readTopology(m);
      clusters.set(t.id, t);
    }
  }
  return { classes, clusters };
}

/** The result of the topology analysis of a whole plan. */
export interface TopologyAnalysis {
  readonly clusters: Map<ClusterId, TopologyClusterImpact>;
  readonly classes: ClassAnalysis[];
}

/**
 * Analyses every ClusterClass and topology Cluster of both sides: per cluster the rollouts,
 * scaling, version steps, in-place changes and dangers the topology controller causes, and per
 * class what its change does to its clusters.
 */
export function analyzeTopology(context: PlanContext): TopologyAnalysis {
  const before = readSide(context.before);
  const after = readSide(context.after);
  const accumulators = new Map<ClusterId, ClusterAccumulator>();
  const accFor = (t: TopologyInfo) => {
    let acc = accumulators.get(t.id);
    if (!acc) accumulators.set(t.id, (acc = new ClusterAccumulator(t, before.clusters.get(t.id))));
    return acc;
  };

  const classes: ClassAnalysis[] = [];
  for (const id of [...new Set([...before.classes.keys(), ...after.classes.keys()])].sort()) {
    const [b, a] = [before.classes.get(id), after.classes.get(id)];
    const m = (a ?? b)!.m;
    // A cluster gets its class's change when it uses the class on both sides (a rebase is its own change).
    const users = [...after.clusters.values()].filter((c) => c.classId === id);
    const stayed = users.filter((c) => before.clusters.get(c.id)?.classId === id);
    const impacts: PlanClassImpact[] = [];
    const dangers: PlanDanger[] = [];
    if (a && b) {
      for (const change of classChanges(b, a, context)) {
        const affected = stayed.filter((c) => concerns(c, change));
        for (const c of affected) apply(accFor(c), change, `ClusterClass ${m.metadata.name}`);
        const known = impacts.find((i) => i.target === change.target && i.what === change.what && i.effect === change.effect);
        if (known) known.fieldChanges.push(...change.fieldChanges);
        else impacts.push({ target: change.target, what: change.what, effect: change.effect, clusters: affected.map((c) => c.id), fieldChanges: [...change.fieldChanges] });
      }
      dangers.push(...classUpdateDangers(b, a, users));
    }
    if (b && !a) {
      const left = [...after.clusters.values()].filter((c) => c.classId === id);
      if (left.length) {
        dangers.push(
          danger(
            'class-deleted-in-use',
            m,
            `ClusterClass ${m.metadata.name} leaves the manifests while ${plural(left.length, 'cluster')} still use it (${left.map((c) => c.m.metadata.name).join(', ')}): the ClusterClass webhook refuses to delete a class in use, and if it were gone the topology controller could not reconcile them`,
          ),
        );
      }
    }
    const templateKeys = new Set([...(b ? classTemplateRefs(b.m) : []), ...(a ? classTemplateRefs(a.m) : [])].map((r) => r.key));
    classes.push({ id, name: m.metadata.name, namespace: m.metadata.namespace ?? '', impacts, clusters: (a ? users : [...before.clusters.values()].filter((c) => c.classId === id)).map((c) => c.id), dangers, templateKeys });
  }

  for (const [id, t] of after.clusters) {
    const old = before.clusters.get(id);
    // A class outside the manifests (shipped by another team) is information, as other external references are; a classRef change says it itself.
    const rebased = old !== undefined && old.classId !== t.classId;
    if (!context.live && t.classId && !after.classes.has(t.classId) && !rebased && (!old || !deepEqual(old.m, t.m))) {
      accFor(t).externalReferences.push({ object: `Cluster/${t.m.metadata.name}`, path: 'spec.topology.classRef', kind: CLUSTER_CLASS_KIND, name: t.classId.slice(t.classId.indexOf('/') + 1) });
    }
    if (!old) continue;
    clusterChanges(accFor(t), old, t, before.classes.get(old.classId ?? '') , after.classes.get(t.classId ?? ''), context);
  }

  const clusters = new Map<ClusterId, TopologyClusterImpact>();
  for (const [id, acc] of accumulators) clusters.set(id, acc.result());
  return { clusters, classes };
}

/** Dangers of a class update for the clusters that use it (ClusterClass webhook rules). */
function classUpdateDangers(b: ClassInfo, a: ClassInfo, users: TopologyInfo[]): PlanDanger[] {
  const out: PlanDanger[] = [];
  for (const c of users) {
    for (const w of c.workers.values()) {
      if (w.class && b.workers.has(w.class) && !a.workers.has(w.class)) {
        out.push(danger('worker-class-missing', a.m, `ClusterClass ${a.m.metadata.name} removes worker class ${w.class}, which cluster ${c.m.metadata.name} uses (worker ${w.name}): the ClusterClass webhook rejects the update`));
      }
    }
    for (const name of c.variables.keys()) {
      if (b.variables.has(name) && !a.variables.has(name)) {
        out.push(danger('variable-undefined', a.m, `ClusterClass ${a.m.metadata.name} removes variable ${name}, which cluster ${c.m.metadata.name} sets: the Cluster webhook then rejects every update of the cluster ("variable is not defined") until it stops setting it`));
      }
    }
    // Only when the list changes: a cluster's own version change is checked with the cluster (versionChanges).
    const wasListed = !b.kubernetesVersions.length || (c.version !== undefined && b.kubernetesVersions.includes(c.version));
    if (a.kubernetesVersions.length && c.version && !a.kubernetesVersions.includes(c.version) && wasListed && !deepEqual(a.kubernetesVersions, b.kubernetesVersions)) {
      out.push(danger('class-version-missing', a.m, `ClusterClass ${a.m.metadata.name} lists kubernetesVersions without ${c.version}, which cluster ${c.m.metadata.name} runs: the ClusterClass webhook rejects the update`));
    }
  }
  return out;
}

/** Template kinds and groups that must stay the same across a rebase (compatibility.go ClusterClassesAreCompatible). */
function incompatibilities(from: ClassInfo, to: ClassInfo, cluster: TopologyInfo): string[] {
  const out: string[] = [];
  const compare = (what: string, a?: ClassTemplateRef, b?: ClassTemplateRef) => {
    if (a && b && (a.group !== b.group || a.kind !== b.kind)) out.push(`${what} is a ${b.kind} (${b.group}) instead of a ${a.kind} (${a.group})`);
    else if (!!a !== !!b) out.push(`${what} is ${a ? 'missing' : 'added'}`);
  };
  compare('the infrastructure cluster template', from.infrastructure, to.infrastructure);
  compare('the control plane template', from.controlPlane, to.controlPlane);
  compare('the control plane machine template', from.controlPlaneMachine, to.controlPlaneMachine);
  for (const [name, w] of to.workers) {
    const old = from.workers.get(name);
    if (old && old.infrastructure && w.infrastructure) compare(`worker class ${name}'s machine template`, old.infrastructure, w.infrastructure);
  }
  for (const w of cluster.workers.values()) if (w.class && !to.workers.has(w.class)) out.push(`it has no worker class ${w.class} (worker ${w.name})`);
  return out;
}

function sameVariables(a: Map<string, Json>, b: Map<string, Json>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => !deepEqual(a.get(k), b.get(k))).sort();
}

/** A cluster's `spec.topology` changes. */
function clusterChanges(acc: ClusterAccumulator, old: TopologyInfo, now: TopologyInfo, oldClass: ClassInfo | undefined, cls: ClassInfo | undefined, context: PlanContext): void {
  const m = now.m;
  const name = m.metadata.name;
  // classRef: a rebase applies the new class's templates; incompatible classes are rejected.
  if (old.classId !== now.classId && now.classId) {
    const className = now.classId.slice(now.classId.indexOf('/') + 1);
    if (!cls) {
      acc.externalReferences.push({ object: `Cluster/${name}`, path: 'spec.topology.classRef', kind: CLUSTER_CLASS_KIND, name: className });
      for (const target of [CONTROL_PLANE_TARGET, ...now.workers.keys()]) acc.roll(target, `rebased to ClusterClass ${className}, which is not in the manifests (may roll: its templates are not known)`, [], true);
    } else if (oldClass) {
      const problems = incompatibilities(oldClass, cls, now);
      if (problems.length) {
        acc.dangers.push(danger('class-incompatible', m, `cluster ${name} moves from ClusterClass ${oldClass.m.metadata.name} to ${className}, which is not compatible: ${problems.join('; ')}; the Cluster webhook rejects the change`));
      } else {
        for (const change of classChanges(oldClass, cls, context)) if (concerns(now, change)) apply(acc, change, `rebased to ClusterClass ${className}`);
      }
    } else {
      for (const target of [CONTROL_PLANE_TARGET, ...now.workers.keys()]) acc.roll(target, `rebased to ClusterClass ${className} from a class not in the manifests (may roll)`, [], true);
    }
  }
  if (cls && old.classId === now.classId) {
    // A class that stops defining a worker class in use is the class's danger (classUpdateDangers).
    for (const w of now.workers.values()) {
      const was = old.workers.get(w.name);
      if (w.class && !cls.workers.has(w.class) && (!was || was.class !== w.class)) {
        acc.dangers.push(danger('worker-class-missing', m, `worker ${w.name} of cluster ${name} uses worker class ${w.class}, which ClusterClass ${cls.m.metadata.name} does not define: the Cluster webhook rejects it`));
      }
    }
  }

  versionChanges(acc, old, now, cls, context);

  // Control plane replicas.
  if (old.controlPlaneReplicas !== now.controlPlaneReplicas && now.controlPlaneReplicas !== undefined) {
    const [from, to] = [old.controlPlaneReplicas ?? 1, now.controlPlaneReplicas];
    if (from !== to) acc.scaling.push({ target: CONTROL_PLANE_TARGET, kind: 'KubeadmControlPlane', name, from, to, note: controlPlaneScalingNote(from, to) });
    if (to % 2 === 0) acc.dangers.push(danger('control-plane-even', m, `${to} control plane machines: etcd needs a majority, so an even count tolerates no more failures than ${to - 1}; use an odd count`));
  }

  // Workers: added, removed, rescaled, reclassed, moved.
  for (const w of now.workers.values()) {
    const was = old.workers.get(w.name);
    const mdName = `${name}-${w.name}`;
    if (!was) {
      acc.scaling.push({ target: w.name, kind: 'MachineDeployment', name: mdName, from: 0, to: w.replicas ?? 1, note: `new worker ${w.name} (class ${w.class ?? '(unset)'}): the topology controller creates its MachineDeployment` });
      continue;
    }
    if (was.replicas !== w.replicas && w.replicas !== undefined && was.replicas !== undefined) {
      acc.scaling.push({ target: w.name, kind: 'MachineDeployment', name: mdName, from: was.replicas, to: w.replicas });
    }
    if (was.class !== w.class) acc.roll(w.name, `worker class ${text(was.class)} → ${text(w.class)}: the MachineDeployment gets the other class's templates`);
    if (!deepEqual(was.raw.failureDomain, w.raw.failureDomain)) acc.roll(w.name, `failure domain ${text(was.raw.failureDomain)} → ${text(w.raw.failureDomain)}`);
    const own = (raw: Obj) => Object.fromEntries(Object.entries(raw).filter(([k]) => !['name', 'class', 'replicas', 'failureDomain', 'variables'].includes(k)));
    const paths = changedPaths(seenBefore(own(was.raw), own(w.raw), context.live), own(w.raw));
    if (paths.length) acc.place(w.name, paths);
  }
  for (const w of old.workers.values()) {
    if (now.workers.has(w.name)) continue;
    const count = w.replicas === undefined ? 'all its machines' : `its ${plural(w.replicas, 'machine')}`;
    acc.dangers.push(danger('pool-deleted', m, `removing worker ${w.name} from spec.topology makes the topology controller delete its MachineDeployment, which drains and deletes ${count}`));
  }

  // Variables: what they patch decides whether machines roll.
  // Live, the Cluster webhook has filled in the class's defaults: a variable the manifests leave unset is no change.
  const desired = (values: Map<string, Json>, of: Map<string, Json>) => (context.live ? new Map([...values].filter(([k]) => of.has(k)).map(([k, v]) => [k, seenBefore(v, of.get(k), true)])) : values);
  const changed = sameVariables(desired(old.variables, now.variables), now.variables);
  for (const v of changed) variableChange(acc, v, old.variables.get(v), now.variables.get(v), cls, undefined);
  for (const w of now.workers.values()) {
    const was = old.workers.get(w.name);
    if (!was) continue;
    for (const v of sameVariables(desired(was.variables, w.variables), w.variables)) variableChange(acc, v, was.variables.get(v), w.variables.get(v), cls, w);
  }
}

/** A variable's value changes for the whole cluster (`worker` undefined) or one worker's override. */
function variableChange(acc: ClusterAccumulator, variable: string, from: Json, to: Json, cls: ClassInfo | undefined, worker: WorkerTopology | undefined): void {
  const m = acc.topology.m;
  const label = `variable ${variable}${worker ? ` (override of worker ${worker.name})` : ''}`;
  const values = fieldChanges({ [variable]: from }, { [variable]: to }, '', 'Cluster');
  const shown = values.length ? ` ${values[0].from ?? '(unset)'} → ${values[0].to ?? '(unset)'}` : '';
  const workerTargets = (names: string[]) =>
    [...acc.topology.workers.values()].filter((w) => (!worker || w === worker) && w.class && names.includes(w.class)).map((w) => w.name);
  if (!cls) {
    for (const target of [...(worker ? [] : [CONTROL_PLANE_TARGET]), ...(worker ? [worker.name] : [...acc.topology.workers.keys()])]) {
      acc.roll(target, `${label}${shown}: may roll (the class is not in the manifests, so its patches are not known)`, values, true);
    }
    return;
  }
  if (to !== undefined && !cls.variables.has(variable)) {
    acc.dangers.push(danger('variable-undefined', m, `cluster ${m.metadata.name} sets ${label}, which ClusterClass ${cls.m.metadata.name} does not define: the Cluster webhook rejects it ("variable is not defined")`));
    return;
  }
  let used = false;
  for (const patch of cls.patches) {
    const use = patchUse(patch, variable);
    if (!use) continue;
    used = true;
    for (const target of patchTargets(patch, cls)) {
      if (target === INFRASTRUCTURE_TARGET) {
        if (!worker) acc.place(INFRASTRUCTURE_TARGET, [`${label} (patch ${text(patch.name)})`]);
        continue;
      }
      const targets = target === CONTROL_PLANE_TARGET ? (worker ? [] : [CONTROL_PLANE_TARGET]) : workerTargets([target]);
      for (const t of targets) {
        const how = use === 'direct' ? `patch ${text(patch.name)} writes it into the templates` : `may roll: patch ${text(patch.name)} uses it in a Go template, enabledIf or an external patch, which the plan does not evaluate`;
        acc.roll(t, `${label}${shown}: ${how}`, values, use !== 'direct');
      }
    }
  }
  if (!used) acc.place(worker ? worker.name : INFRASTRUCTURE_TARGET, [`${label} (no patch of ClusterClass ${cls.m.metadata.name} uses it)`]);
}

/**
 * The control plane's upgrade plan from `from` to `to` (upgrade_plan.go): with the class's
 * kubernetesVersions, the latest listed version of each minor after `from` up to `to`; without
 * them, `to` alone.
 */
export function controlPlaneUpgradePlan(from: string, to: string, kubernetesVersions: readonly string[]): string[] {
  const [f, t] = [parseVersion(from), parseVersion(to)];
  if (!f || !t || compareVersions(f, t) >= 0) return [];
  if (!kubernetesVersions.length) return [to];
  const steps: Array<{ v: string; p: ParsedVersion }> = [];
  for (const v of kubernetesVersions) {
    const p = parseVersion(v);
    if (!p || compareVersions(p, f) <= 0 || compareVersions(p, t) > 0) continue;
    // The latest listed version of each minor (the list is sorted: validateKubernetesVersions).
    if (steps.length && steps[steps.length - 1].p.minor === p.minor) steps[steps.length - 1] = { v, p };
    else steps.push({ v, p });
  }
  if (!steps.length || steps[steps.length - 1].v !== to) steps.push({ v: to, p: t });
  return steps.map((s) => s.v);
}

/**
 * The workers' upgrade plan (DefaultAndValidateUpgradePlans): a step every 3 minors from the
 * workers' minor (the kubelet may be up to 3 minors behind the API server), then the target.
 */
export function workersUpgradePlan(from: string, to: string, controlPlanePlan: readonly string[]): string[] {
  const [f, t] = [parseVersion(from), parseVersion(to)];
  if (!f || !t || compareVersions(f, t) >= 0) return [];
  const byMinor = new Map<number, string>([[f.minor, from]]);
  for (const v of controlPlanePlan) {
    const p = parseVersion(v);
    if (p) byMinor.set(p.minor, v);
  }
  const out: string[] = [];
  for (let i = 3; i < t.minor - f.minor; i += 3) {
    const step = byMinor.get(f.minor + i);
    if (step) out.push(step);
  }
  if (out[out.length - 1] !== to) out.push(to);
  return out;
}

/** `spec.topology.version`: the version steps, the rollouts in order, and the webhook's rules. */
function versionChanges(acc: ClusterAccumulator, old: TopologyInfo, now: TopologyInfo, cls: ClassInfo | undefined, context: PlanContext): void {
  if (old.version === now.version || !now.version) return;
  const m = now.m;
  const name = m.metadata.name;
  acc.versions.push({ target: CONTROL_PLANE_TARGET, kind: 'KubeadmControlPlane', name, from: old.version ?? null, to: now.version });
  for (const w of now.workers.values()) if (old.workers.has(w.name)) acc.versions.push({ target: w.name, kind: 'MachineDeployment', name: `${name}-${w.name}`, from: old.version ?? null, to: now.version });
  const [b, a] = [parseVersion(old.version), parseVersion(now.version)];
  if (!a) return;
  if (!isInWindow(a, context.supportedVersions)) {
    acc.dangers.push(danger('version-unsupported', m, `spec.topology.version ${formatMinor(a)} is outside the supported window ${context.supportedVersions.oldest} to ${context.supportedVersions.newest} of this Cluster API version`));
  }
  if (!b) return;
  if (cls?.kubernetesVersions.length && !cls.kubernetesVersions.includes(now.version)) {
    acc.dangers.push(danger('class-version-missing', m, `spec.topology.version ${now.version} is not in ClusterClass ${cls.m.metadata.name}'s kubernetesVersions (${cls.kubernetesVersions.join(', ')}): the Cluster webhook rejects it`));
  }
  if (compareVersions(a, b) < 0) {
    acc.dangers.push(danger('version-downgrade', m, `spec.topology.version ${old.version} → ${now.version} is a downgrade: the Cluster webhook rejects it ("version cannot be decreased")`));
    return;
  }
  const chained = minorDistance(b, a) > 1;
  if (chained && cls && !cls.kubernetesVersions.length && !cls.upgradeExtension) {
    const skipped = Array.from({ length: minorDistance(b, a) - 1 }, (_, i) => `v${b.major}.${b.minor + i + 1}`);
    acc.dangers.push(danger('version-skip', m, `spec.topology.version ${old.version} → ${now.version} skips ${skipped.join(', ')}: ClusterClass ${cls.m.metadata.name} lists no kubernetesVersions (nor an upgrade-plan extension), so the Cluster webhook allows one minor at a time; list the versions in the class for a chained upgrade`));
  }
  const cpPlan = controlPlaneUpgradePlan(old.version!, now.version, cls?.kubernetesVersions ?? []);
  const workers = workersUpgradePlan(old.version!, now.version, cpPlan);
  const how = cls?.upgradeExtension
    ? 'the class\'s upgrade-plan extension decides the steps'
    : chained
      ? cls
        ? `chained upgrade: the control plane goes ${[old.version, ...cpPlan].join(' → ')}`
        : 'an upgrade across several minors is chained only if the class (not in the manifests) lists kubernetesVersions or has an upgrade-plan extension'
      : '';
  acc.roll(CONTROL_PLANE_TARGET, `version ${old.version} → ${now.version}${how ? ` (${how})` : ''}`);
  for (const w of now.workers.values()) {
    if (!old.workers.has(w.name)) continue;
    const steps = chained && cls && !cls.upgradeExtension ? `, workers go ${[old.version, ...workers].join(' → ')}, skipping the steps the kubelet skew allows` : '';
    acc.roll(w.name, `version ${old.version} → ${now.version} (after the control plane: the topology controller upgrades the control plane first, then the MachineDeployments in spec.topology order${steps})`);
  }
}
