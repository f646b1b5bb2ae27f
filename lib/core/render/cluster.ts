/** Renders a whole cluster: the entry point that composes every object in dependency order. */
import { API, groupOf, KINDS, Manifest } from '../../capi';
import { CapiValidationError } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { addonClusterLabels } from '../addons';
import { ClusterNetworkSpec, DEFAULT_POD_CIDRS, DEFAULT_SERVICE_CIDRS, ManagedClusterSpec } from '../spec';
import { validateClusterSpec } from '../validate/cluster';
import { RenderContext, ref } from './context';
import { CONTROL_PLANE_ROLES, renderControlPlane, renderControlPlaneHealthCheck } from './control-plane';
import { poolDeployments } from '../pool-spread';
import { poolRole, renderWorkerPool } from './worker-pool';

/** The result of rendering one cluster: its manifests, dependencies first. */
export interface RenderedCluster {
  readonly name: string;
  readonly namespace: string;
  readonly manifests: readonly Manifest[];
  /** The role of each manifest (same index), as used by override targets, e.g. `pool/gpu/machine-deployment`. */
  readonly roles: readonly string[];
}


/** Override targets (roles) of the cluster-level objects. */
export const CLUSTER_ROLES = { cluster: 'cluster', infrastructureCluster: 'infrastructure-cluster' } as const;

/** Every object role an override can target, for one cluster spec. */
export function overrideTargets(spec: ManagedClusterSpec): string[] {
  const targets: string[] = [CLUSTER_ROLES.cluster, CLUSTER_ROLES.infrastructureCluster, CONTROL_PLANE_ROLES.kubeadmControlPlane, CONTROL_PLANE_ROLES.machineTemplate];
  if (spec.controlPlane?.healthCheck) targets.push(CONTROL_PLANE_ROLES.healthCheck);
  for (const pool of spec.workerPools ?? []) {
    targets.push(...poolDeployments(spec.name, pool).map(d => d.role), poolRole(pool.name, 'machine-template'), poolRole(pool.name, 'bootstrap-template'));
    if (pool.healthCheck) targets.push(poolRole(pool.name, 'health-check'));
  }
  return targets;
}

/**
 * Validates a cluster spec and renders its Cluster API manifests. Throws one
 * CapiValidationError listing every problem. Pure: same input, same output.
 */
export function renderManagedCluster(spec: ManagedClusterSpec): RenderedCluster {
  const issues = validateClusterSpec(spec);
  if (issues.length > 0) throw new CapiValidationError(issues, `cluster ${JSON.stringify(spec?.name)}`);
  return renderValidatedCluster(spec);
}

/**
 * Renders a spec that `validateClusterSpec` has just accepted, without validating it again
 * (engines that validate eagerly use it to avoid paying twice). Problems found while rendering
 * (overrides, pins, final names) still throw.
 */
export function renderValidatedCluster(spec: ManagedClusterSpec): RenderedCluster {
  const ctx = new RenderContext(spec);
  const cp = spec.controlPlane ?? {};
  const infraCluster = ctx.object(CLUSTER_ROLES.infrastructureCluster, ctx.provider.apiVersion, ctx.provider.clusterKind, spec.names?.infrastructureCluster ?? ctx.name, {},
    { spec: ctx.provider.renderClusterSpec(ctx.providerSpec, ctx.name) });
  const { machineTemplate, kubeadmControlPlane } = renderControlPlane(ctx, cp);
  const cluster = ctx.object(CLUSTER_ROLES.cluster, API.cluster.version, KINDS.cluster, ctx.name, spec.annotations ?? {}, {
    spec: {
      clusterNetwork: renderClusterNetwork(spec.network),
      controlPlaneRef: ref(API.controlPlane.group, kubeadmControlPlane),
      infrastructureRef: ref(groupOf(infraCluster.apiVersion), infraCluster),
      paused: spec.paused,
    },
  }, addonClusterLabels(spec));
  const out: Manifest[] = [infraCluster, machineTemplate, kubeadmControlPlane, cluster];
  const cpHealthCheck = renderControlPlaneHealthCheck(ctx, cp);
  if (cpHealthCheck) out.push(cpHealthCheck);
  (spec.workerPools ?? []).forEach((pool, i) => {
    const p = renderWorkerPool(ctx, pool, i);
    out.push(p.machineTemplate, p.bootstrapTemplate, ...p.machineDeployments, ...(p.healthCheck ? [p.healthCheck] : []));
  });

  (spec.overrides ?? []).forEach((o, i) => {
    if (!ctx.wasTargeted(o.target)) {
      ctx.issues.push({ path: `overrides[${i}].target`, message: 'no emitted object has this role', value: o.target, allowed: overrideTargets(spec).join(', ') });
    }
  });
  for (const m of out) {
    const problem = objectNameProblem(m.metadata.name, 'subdomain');
    if (problem) ctx.issues.push({ path: `(${m.kind} name)`, message: problem, value: m.metadata.name, fix: 'shorten the cluster or pool name' });
  }
  if (ctx.issues.length > 0) throw new CapiValidationError(ctx.issues, `cluster ${JSON.stringify(ctx.name)}`);
  return { name: ctx.name, namespace: ctx.namespace, manifests: out, roles: out.map(m => ctx.role(m)) };
}

/** The Cluster's `spec.clusterNetwork`, the same for fully rendered and topology clusters, defaults written out. */
export function renderClusterNetwork(network: ClusterNetworkSpec | undefined): Record<string, unknown> {
  return {
    pods: { cidrBlocks: [...(network?.podCidrs ?? DEFAULT_POD_CIDRS)] },
    services: { cidrBlocks: [...(network?.serviceCidrs ?? DEFAULT_SERVICE_CIDRS)] },
    serviceDomain: network?.serviceDomain ?? 'cluster.local',
    apiServerPort: network?.apiServerPort,
  };
}
