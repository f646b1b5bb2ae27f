/** Object identity, references between CAPI objects, and grouping by cluster. */
import { ANNOTATIONS, groupOf, KINDS, LABELS, RETAIN_ANNOTATIONS } from '../capi';
import { isImmutableTemplateKind } from '../core/provider';
import './providers';
import { valueAt } from './diff';
import { PlanInputError, PlanManifest } from './types';

export const CLUSTER_NAME_LABEL = LABELS.clusterName;
export const POOL_LABEL = LABELS.pool;
export const AUTOSCALER_MIN = ANNOTATIONS.autoscalerMin;
export const AUTOSCALER_MAX = ANNOTATIONS.autoscalerMax;
export { groupOf };

/** Identity of an object across versions of its API: group, kind, namespace, name. */
export function objectKey(m: PlanManifest): string {
  return refKey(groupOf(m.apiVersion), m.kind, m.metadata.namespace ?? '', m.metadata.name);
}

export function refKey(group: string, kind: string, namespace: string, name: string): string {
  return `${group}|${kind}|${namespace}|${name}`;
}

/** `Kind/name`, how objects are named in messages. */
export function displayName(m: { kind: string; metadata: { name: string } }): string {
  return `${m.kind}/${m.metadata.name}`;
}

export const KIND = {
  cluster: KINDS.cluster,
  controlPlane: KINDS.kubeadmControlPlane,
  machineDeployment: KINDS.machineDeployment,
  namespace: KINDS.namespace,
} as const;

/**
 * Machine and bootstrap templates: immutable in practice, named after a hash of their spec. The
 * kinds of every registered provider, and by name any other provider's templates.
 */
export function isMachineTemplate(m: PlanManifest): boolean {
  return isImmutableTemplateKind(m.kind) || /(MachineTemplate|ConfigTemplate)$/.test(m.kind);
}

export function isRetained(m: PlanManifest): boolean {
  const annotations = m.metadata.annotations ?? {};
  return Object.entries(RETAIN_ANNOTATIONS).some(([k, v]) => annotations[k] === v);
}

export interface PlanReference {
  /** Dot path of the reference in the referring object. */
  readonly path: string;
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** True for machine and bootstrap templates (a missing one is `template-missing`). */
  readonly template: boolean;
  /**
   * True for objects commonly managed outside a cluster's manifests (CAPA identities, created
   * once per management cluster): comparing two manifest sets cannot check them, `--live` can.
   */
  readonly external?: boolean;
}

type Ref = { apiGroup?: unknown; kind?: unknown; name?: unknown } | undefined;

const REFERENCE_PATHS: Record<string, Array<{ path: string; template: boolean; clusterScoped?: boolean; external?: boolean }>> = {
  Cluster: [
    { path: 'spec.infrastructureRef', template: false },
    { path: 'spec.controlPlaneRef', template: false },
  ],
  KubeadmControlPlane: [{ path: 'spec.machineTemplate.spec.infrastructureRef', template: true }],
  MachineDeployment: [
    { path: 'spec.template.spec.bootstrap.configRef', template: true },
    { path: 'spec.template.spec.infrastructureRef', template: true },
  ],
  AWSCluster: [{ path: 'spec.identityRef', template: false, clusterScoped: true, external: true }],
};

/** A v1beta2 ClusterClass templateRef (`{apiVersion, kind, name}`), in the class's namespace. */
export interface ClassTemplateRef {
  readonly path: string;
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** Group of the apiVersion: compared by the compatibility rules. */
  readonly group: string;
}

export function classTemplateRef(m: PlanManifest, value: unknown, path: string): ClassTemplateRef | undefined {
  const ref = value as { apiVersion?: unknown; kind?: unknown; name?: unknown } | undefined;
  if (!ref || typeof ref !== 'object' || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || typeof ref.apiVersion !== 'string') return undefined;
  const group = groupOf(ref.apiVersion);
  return { path, key: refKey(group, ref.kind, m.metadata.namespace ?? '', ref.name), kind: ref.kind, name: ref.name, group };
}

/** Every template reference of a ClusterClass (v1beta2): infrastructure, control plane, its machines, each worker class's. */
export function classTemplateRefs(m: PlanManifest): ClassTemplateRef[] {
  const out = ['spec.infrastructure.templateRef', 'spec.controlPlane.templateRef', 'spec.controlPlane.machineInfrastructure.templateRef'].map((p) => classTemplateRef(m, valueAt(m, p), p));
  const workers = valueAt(m, 'spec.workers.machineDeployments');
  (Array.isArray(workers) ? workers : []).forEach((w, i) => {
    for (const slot of ['bootstrap', 'infrastructure']) {
      const path = `spec.workers.machineDeployments[${i}].${slot}.templateRef`;
      out.push(classTemplateRef(m, valueAt(w, `${slot}.templateRef`), path));
    }
  });
  return out.filter((r): r is ClassTemplateRef => r !== undefined);
}

/** The objects `m` points to: Cluster refs, KCP/MD templates, CAPA identities (cluster-scoped), ClusterClass templates. */
export function referencesOf(m: PlanManifest): PlanReference[] {
  if (m.kind === 'ClusterClass' && groupOf(m.apiVersion) === 'cluster.x-k8s.io') {
    return classTemplateRefs(m).map((r) => ({ path: r.path, key: r.key, kind: r.kind, name: r.name, template: true }));
  }
  const out: PlanReference[] = [];
  for (const spec of REFERENCE_PATHS[m.kind] ?? []) {
    const ref = valueAt(m, spec.path) as Ref;
    if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    // v1beta2 refs carry apiGroup; CAPA identityRef carries none (its kinds are infrastructure's).
    const group = typeof ref.apiGroup === 'string' ? ref.apiGroup : groupOf(m.apiVersion);
    const namespace = spec.clusterScoped ? '' : (m.metadata.namespace ?? '');
    out.push({
      path: spec.path,
      key: refKey(group, ref.kind, namespace, ref.name),
      kind: ref.kind,
      name: ref.name,
      template: spec.template,
      external: spec.external,
    });
  }
  return out;
}

/** `namespace/name` of a cluster. */
export type ClusterId = string;

export function clusterId(namespace: string, name: string): ClusterId {
  return `${namespace}/${name}`;
}

/** The cluster an object names itself: `spec.clusterName`, the cluster-name label, a Cluster's own name. */
function ownCluster(m: PlanManifest): ClusterId | undefined {
  const namespace = m.metadata.namespace;
  if (namespace === undefined) return undefined;
  const specName = valueAt(m, 'spec.clusterName');
  if (typeof specName === 'string' && specName !== '') return clusterId(namespace, specName);
  const label = m.metadata.labels?.[CLUSTER_NAME_LABEL];
  if (label) return clusterId(namespace, label);
  if (m.kind === KIND.cluster && groupOf(m.apiVersion) === 'cluster.x-k8s.io') {
    return clusterId(namespace, m.metadata.name);
  }
  return undefined;
}

/** One side of the plan, indexed by key, each object with the clusters it belongs to. */
export interface PlanSide {
  readonly objects: Map<string, PlanManifest>;
  /** Clusters per object key; empty for objects that belong to no cluster. */
  readonly clusters: Map<string, ClusterId[]>;
}

/**
 * Indexes objects and assigns them to clusters: by `spec.clusterName`, then the cluster-name label,
 * then by references (an object referenced by an object of cluster c belongs to c; an identity used
 * by several clusters belongs to each). Namespaces belong to the clusters they hold (see plan.ts).
 */
export function indexSide(manifests: readonly PlanManifest[], side: string): PlanSide {
  const objects = new Map<string, PlanManifest>();
  for (const m of manifests) {
    const key = objectKey(m);
    if (objects.has(key)) {
      const ns = m.metadata.namespace ? ` in namespace ${m.metadata.namespace}` : '';
      throw new PlanInputError(`${side}: ${displayName(m)}${ns} appears twice`);
    }
    objects.set(key, m);
  }
  const clusters = new Map<string, Set<ClusterId>>();
  const owned = new Set<string>();
  for (const [key, m] of objects) {
    const own = ownCluster(m);
    if (own) owned.add(key);
    clusters.set(key, new Set(own ? [own] : []));
  }
  // Propagate along references until nothing changes (Cluster -> KCP -> template is two steps):
  // a worklist of the objects whose clusters grew, so each reference is followed once per growth
  // rather than every object once per round. The union it reaches is the same in any order.
  const pending = [...clusters.keys()].filter((key) => clusters.get(key)!.size > 0);
  while (pending.length > 0) {
    const key = pending.pop()!;
    const from = clusters.get(key)!;
    for (const ref of referencesOf(objects.get(key)!)) {
      const target = clusters.get(ref.key);
      if (!target || owned.has(ref.key)) continue;
      const size = target.size;
      for (const c of from) target.add(c);
      if (target.size > size) pending.push(ref.key);
    }
  }
  const sorted = new Map<string, ClusterId[]>();
  for (const [key, set] of clusters) sorted.set(key, [...set].sort());
  return { objects, clusters: sorted };
}
