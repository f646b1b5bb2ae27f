/** One worker pool: machine template, KubeadmConfigTemplate, MachineDeployment, opt-in health check. */
import { ANNOTATIONS, API, groupOf, KINDS, LABELS, Manifest } from '../../capi';
import { placeNodeLabels } from '../node-labels';
import { isSpread, PoolDeployment, poolDeployments } from '../pool-spread';
import { MachineCapacity, WorkerPoolSpec } from '../spec';
import { KubernetesVersion } from '../versions';
import { RenderContext, ref } from './context';
import { renderHealthCheck } from './health-check';
import { commonKubeadm, deletionTimeouts, nodeRegistration, providerBootstrap, prune, sortTaints } from './kubeadm';

/** The objects of a pool, by what they are. */
export type WorkerPoolObject = 'machine-deployment' | 'machine-template' | 'bootstrap-template' | 'health-check';

/**
 * The override target (role) of one object of a pool, e.g. `pool/gpu/machine-template`; with
 * `domain`, the MachineDeployment of one failure domain of a spread pool,
 * `pool/gpu/machine-deployment/eu-west-1a`.
 */
export function poolRole(pool: string, object: WorkerPoolObject, domain?: string): string {
  return domain === undefined ? `pool/${pool}/${object}` : `pool/${pool}/${object}/${domain}`;
}

export interface RenderedWorkerPool {
  readonly machineTemplate: Manifest;
  readonly bootstrapTemplate: Manifest;
  /** The MachineDeployments: one, or one per failure domain in `failureDomains` order. */
  readonly machineDeployments: readonly Manifest[];
  readonly healthCheck?: Manifest;
}

export function renderWorkerPool(ctx: RenderContext, pool: WorkerPoolSpec, index: number): RenderedWorkerPool {
  const target = (object: WorkerPoolObject) => poolRole(pool.name, object);
  const poolLabels = { ...(pool.labels ?? {}), [LABELS.pool]: pool.name };
  const prefix = `${ctx.name}-${pool.name}`;
  const machineTemplate = ctx.machineTemplate(target('machine-template'), prefix, pool.machine, 'worker', poolLabels, pool.names?.machineTemplate, `workerPools[${index}].names.machineTemplate`);
  const bootstrapTemplate = ctx.template(target('bootstrap-template'), API.bootstrap.version, KINDS.kubeadmConfigTemplate, prefix, poolLabels,
    { template: { spec: workerKubeadmSpec(ctx, pool, machineTemplate, index) } }, pool.names?.bootstrapTemplate, `workerPools[${index}].names.bootstrapTemplate`);

  const deployments = poolDeployments(ctx.name, pool);
  const machineDeployments = deployments.map(d => renderMachineDeployment(ctx, pool, d, poolLabels, machineTemplate, bootstrapTemplate));
  // A spread pool's health check covers all its MachineDeployments: their machines carry the pool label.
  const spread = isSpread(pool);
  const hcSelector: Record<string, string> = spread ? { [LABELS.pool]: pool.name } : { [LABELS.deploymentName]: deployments[0].name };
  const healthCheck = pool.healthCheck
    ? renderHealthCheck(ctx, target('health-check'), pool.names?.healthCheck ?? (spread ? prefix : deployments[0].name), pool.healthCheck, hcSelector, poolLabels)
    : undefined;
  return { machineTemplate, bootstrapTemplate, machineDeployments, healthCheck };
}

function renderMachineDeployment(ctx: RenderContext, pool: WorkerPoolSpec, d: PoolDeployment, poolLabels: Record<string, string>, machineTemplate: Manifest, bootstrapTemplate: Manifest): Manifest {
  const syncedLabels = placeNodeLabels(pool.nodeLabels).machineLabels;
  const selector = { [LABELS.clusterName]: ctx.name, [LABELS.deploymentName]: d.name };
  // Only a spread pool's machines get the pool label (for its shared health check): adding it
  // to an existing pool's template labels would change every existing MachineDeployment.
  const machineLabels = d.domain === undefined ? { ...selector, ...syncedLabels } : { ...selector, ...syncedLabels, [LABELS.pool]: pool.name };
  const rollout = pool.rollout ?? {};
  const annotations: Record<string, string> = d.autoscaling ? autoscalerAnnotations(pool, d.autoscaling) : {};
  return ctx.object(d.role, API.cluster.version, KINDS.machineDeployment, d.name, annotations, {
    spec: {
      clusterName: ctx.name,
      // Autoscaled pools leave replicas unset: CAPI's webhook starts them at min size and the
      // autoscaler owns the count from then on.
      replicas: d.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: machineLabels },
        spec: {
          clusterName: ctx.name,
          version: pool.version ? KubernetesVersion.from(pool.version).version : ctx.version,
          bootstrap: { configRef: ref(API.bootstrap.group, bootstrapTemplate) },
          infrastructureRef: ref(groupOf(machineTemplate.apiVersion), machineTemplate),
          failureDomain: d.domain ?? pool.failureDomain,
          deletion: deletionTimeouts(pool.deletion),
          minReadySeconds: pool.minReadySeconds,
          taints: pool.taintsViaMachineTaintPropagation && pool.taints?.length
            // An empty taint value means "no value"; the Machine taint field rejects "" (minLength 1).
            ? sortTaints(pool.taints).map(t => ({ key: t.key, value: t.value === '' ? undefined : t.value, effect: t.effect, propagation: 'Always' }))
            : undefined,
        },
      },
      rollout: (rollout.type || rollout.maxSurge !== undefined || rollout.maxUnavailable !== undefined || rollout.after)
        ? {
          after: rollout.after,
          strategy: rollout.type === 'OnDelete'
            ? { type: 'OnDelete' }
            : { type: 'RollingUpdate', rollingUpdate: { maxSurge: rollout.maxSurge ?? 1, maxUnavailable: rollout.maxUnavailable ?? 0 } },
        }
        : undefined,
      deletion: pool.deletionOrder ? { order: pool.deletionOrder } : undefined,
      machineNaming: pool.machineNaming ? { template: pool.machineNaming.template } : undefined,
    },
  }, poolLabels);
}

/**
 * The autoscaler's size annotations, and for a MachineDeployment that may scale to zero what
 * cluster-autoscaler needs to simulate its next node: labels and taints (it cannot read them
 * from a node that does not exist), plus the capacity the user gave. Formats as the autoscaler
 * parses them (kubernetes/autoscaler cluster-autoscaler-1.36.1,
 * cloudprovider/clusterapi/clusterapi_unstructured.go Labels(), Taints(), parseTaint(); and
 * clusterapi_utils.go parseKey() (quantities), parseIntKey() (gpu-count, maxPods)).
 */
function autoscalerAnnotations(pool: WorkerPoolSpec, bounds: { min: number; max: number }): Record<string, string> {
  const out: Record<string, string> = {
    [ANNOTATIONS.autoscalerMin]: String(bounds.min),
    [ANNOTATIONS.autoscalerMax]: String(bounds.max),
  };
  const capacity: MachineCapacity = pool.autoscaling?.capacity ?? {};
  const set = (key: string, value: string | number | undefined) => { if (value !== undefined) out[key] = String(value); };
  set(ANNOTATIONS.capacityCpu, capacity.cpu);
  set(ANNOTATIONS.capacityMemory, capacity.memory);
  set(ANNOTATIONS.capacityGpuCount, capacity.gpuCount);
  set(ANNOTATIONS.capacityGpuType, capacity.gpuType);
  set(ANNOTATIONS.capacityEphemeralDisk, capacity.ephemeralDisk);
  set(ANNOTATIONS.capacityMaxPods, capacity.maxPods);
  if (bounds.min === 0) {
    const labels = Object.entries(pool.nodeLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (labels.length > 0) out[ANNOTATIONS.capacityLabels] = labels.map(([k, v]) => `${k}=${v}`).join(',');
    // `key=value:Effect`, or `key:Effect` for a taint without value.
    if (pool.taints?.length) out[ANNOTATIONS.capacityTaints] = sortTaints(pool.taints).map(t => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(',');
  }
  return out;
}

function workerKubeadmSpec(ctx: RenderContext, pool: WorkerPoolSpec, machineTemplate: Manifest, index: number): Record<string, unknown> {
  const taints = pool.taintsViaMachineTaintPropagation ? undefined : (pool.taints && pool.taints.length > 0 ? pool.taints : undefined);
  return prune({
    joinConfiguration: { nodeRegistration: nodeRegistration(ctx.provider.kubeadmDefaults, pool, taints, placeNodeLabels(pool.nodeLabels).kubeletExtraArgs) },
    ...commonKubeadm(pool, providerBootstrap(ctx, 'worker', machineTemplate, pool, `workerPools[${index}]`)),
  });
}
