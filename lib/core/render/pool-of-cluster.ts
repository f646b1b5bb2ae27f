/**
 * A worker pool rendered against a reference to its cluster instead of the cluster's whole
 * spec, so a pool can be declared apart from its cluster (another program, another stack).
 */
import { CapiValidationError, ValidationIssue } from '../../support/issues';
import { InfrastructureSpec, ManagedClusterSpec, ObjectOverride, WorkerPoolSpec } from '../spec';
import { validateClusterSpec } from '../validate/cluster';
import { KubernetesVersion, SupportedVersionWindow } from '../versions';
import { overrideTargets, RenderedCluster, renderValidatedCluster } from './cluster';

/**
 * What a worker pool needs to know about its cluster: the parts of the cluster's spec that
 * reach the pool's objects or its checks. Plain data, e.g. exported by one stack and read by
 * another.
 */
export interface ClusterReference {
  /** Name of the Cluster object. */
  readonly name: string;
  /** Namespace of the cluster's objects. @default 'default' */
  readonly namespace?: string;
  /** Kubernetes version of the control plane: the pool's default version and the reference of its skew check. */
  readonly version: KubernetesVersion | string;
  /**
   * The cluster's provider section (exactly one), e.g. `{ aws: { region, sshKeyName, imageLookup } }`:
   * machine templates take defaults from it (AWS: the SSH key and the image lookup).
   */
  readonly infrastructure: InfrastructureSpec;
  /** The cluster's extra labels, which every object of the cluster carries. @default - none */
  readonly labels?: Record<string, string>;
  /** The Kubernetes minors the cluster may run. @default CAPI_V1_14_SUPPORTED_VERSIONS */
  readonly supportedVersions?: SupportedVersionWindow;
}

/**
 * Checks one worker pool against a reference to its cluster and returns every problem found.
 * Paths of the pool's problems are relative to the pool (`replicas`, `machine.aws.instanceType`);
 * problems of the reference are under `cluster.` (`cluster.version`,
 * `cluster.infrastructure.aws.region`); overrides keep `overrides[i]`.
 *
 * What is checked is what a cluster spec holding this one pool would get:
 * - the reference: cluster name, namespace, labels, version (format and supported window),
 *   `supportedVersions`, exactly one known provider section and the provider's cluster-level
 *   rules (the pool's machine templates are rendered from that section);
 * - the pool: every rule of a pool in a cluster spec: name, replicas or autoscaling, the
 *   provider's machine rules, kubeadm settings, the version skew of the pool's version against
 *   the reference's `version` (never newer than the control plane, at most the kubelet skew
 *   behind), node labels, taints, rollout, deletion, health check, name pins, `failureDomains`
 *   and the scale-from-zero capacity, the length of `<cluster>-<pool>` (per domain when spread),
 *   and (when rendering) the final object names;
 * - overrides: they may only target the pool's own objects (`pool/<name>/...`).
 *
 * Not checked, because the reference does not carry it: the cluster's other pools (a pool name
 * used twice, in two programs, or two pools whose MachineDeployment names clash, is not detected), the cluster's network (pod and service
 * networks against the provider's node networks), the control plane, and whether the cluster
 * exists at all.
 */
export function validateWorkerPoolOf(cluster: ClusterReference, pool: WorkerPoolSpec, overrides: readonly ObjectOverride[] = []): ValidationIssue[] {
  if (!cluster || typeof cluster !== 'object') return [{ path: 'cluster', message: 'the cluster reference must be an object', value: cluster, fix: 'give { name, version, infrastructure } of the cluster' }];
  if (!pool || typeof pool !== 'object') return [{ path: '(pool)', message: 'a worker pool must be an object', value: pool }];
  const spec = syntheticSpec(cluster, pool, overrides);
  const issues = validateClusterSpec(spec).map(poolIssue);
  if (Array.isArray(overrides)) {
    const own = overrideTargets(spec).filter(t => t.startsWith(`pool/${pool.name}/`));
    overrides.forEach((o, i) => {
      if (o && typeof o.target === 'string' && !own.includes(o.target)) {
        issues.push({ path: `overrides[${i}].target`, message: 'a worker pool can only override its own objects', value: o.target, allowed: own.join(', '), fix: 'override the cluster\'s objects where the cluster is declared' });
      }
    });
  }
  return issues;
}

/**
 * Validates one worker pool against a reference to its cluster (see
 * {@link validateWorkerPoolOf}) and renders the pool's objects only: machine template,
 * KubeadmConfigTemplate, MachineDeployment and the opt-in health check, byte for byte as the
 * cluster's own rendering of the same pool would emit them. Throws one CapiValidationError
 * listing every problem. Pure.
 */
export function renderWorkerPoolOf(cluster: ClusterReference, pool: WorkerPoolSpec, overrides: readonly ObjectOverride[] = []): RenderedCluster {
  const subject = `worker pool ${JSON.stringify(pool?.name)} of cluster ${JSON.stringify(cluster?.name)}`;
  const issues = validateWorkerPoolOf(cluster, pool, overrides);
  if (issues.length > 0) throw new CapiValidationError(issues, subject);
  let rendered: RenderedCluster;
  try {
    rendered = renderValidatedCluster(syntheticSpec(cluster, pool, overrides));
  } catch (e) {
    if (!CapiValidationError.isCapiValidationError(e)) throw e;
    throw new CapiValidationError(e.issues.map(poolIssue), subject);
  }
  const prefix = `pool/${pool.name}/`;
  const mine = rendered.roles.map((role, i) => ({ role, manifest: rendered.manifests[i] })).filter(x => x.role.startsWith(prefix));
  return { name: rendered.name, namespace: rendered.namespace, manifests: mine.map(x => x.manifest), roles: mine.map(x => x.role) };
}

/**
 * The cluster spec holding only this pool: the reference's fields, defaults for the rest (the
 * default network and control plane, which the cluster-level checks only look at when set).
 */
function syntheticSpec(cluster: ClusterReference, pool: WorkerPoolSpec, overrides: readonly ObjectOverride[]): ManagedClusterSpec {
  return {
    name: cluster.name,
    namespace: cluster.namespace,
    version: cluster.version,
    infrastructure: cluster.infrastructure,
    labels: cluster.labels,
    supportedVersions: cluster.supportedVersions,
    workerPools: [pool],
    overrides,
  };
}

/**
 * A problem of the synthetic spec as a problem of the pool: `workerPools[0].x` → `x`,
 * cluster-level paths → `cluster.<path>`, overrides and object names as they are.
 */
function poolIssue(issue: ValidationIssue): ValidationIssue {
  const p = issue.path;
  if (p === 'workerPools[0]' || p === 'workerPools') return { ...issue, path: '(pool)' };
  if (p.startsWith('workerPools[0].')) return { ...issue, path: p.slice('workerPools[0].'.length) };
  if (p.startsWith('overrides') || p.startsWith('(')) return issue;
  return { ...issue, path: `cluster.${p}` };
}
