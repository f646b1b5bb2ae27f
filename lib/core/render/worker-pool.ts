/** One worker pool: machine template, KubeadmConfigTemplate, MachineDeployment, opt-in health check. */
import { ANNOTATIONS, API, groupOf, KINDS, LABELS, Manifest } from '../../capi';
import { placeNodeLabels } from '../node-labels';
import { WorkerPoolSpec } from '../spec';
import { KubernetesVersion } from '../versions';
import { RenderContext, ref } from './context';
import { renderHealthCheck } from './health-check';
import { commonKubeadm, deletionTimeouts, nodeRegistration, prune, sortTaints } from './kubeadm';

/** The objects of a pool, by what they are. */
export type WorkerPoolObject = 'machine-deployment' | 'machine-template' | 'bootstrap-template' | 'health-check';

/** The override target (role) of one object of a pool, e.g. `pool/gpu/machine-template`. */
export function poolRole(pool: string, object: WorkerPoolObject): string {
  return `pool/${pool}/${object}`;
}

export interface RenderedWorkerPool {
  readonly machineTemplate: Manifest;
  readonly bootstrapTemplate: Manifest;
  readonly machineDeployment: Manifest;
  readonly healthCheck?: Manifest;
}

export function renderWorkerPool(ctx: RenderContext, pool: WorkerPoolSpec, index: number): RenderedWorkerPool {
  const target = (object: WorkerPoolObject) => poolRole(pool.name, object);
  const poolLabels = { ...(pool.labels ?? {}), [LABELS.pool]: pool.name };
  const mdName = pool.names?.machineDeployment ?? `${ctx.name}-${pool.name}`;
  const prefix = `${ctx.name}-${pool.name}`;
  const machineTemplate = ctx.machineTemplate(target('machine-template'), prefix, pool.machine, 'worker', poolLabels, pool.names?.machineTemplate, `workerPools[${index}].names.machineTemplate`);
  const bootstrapTemplate = ctx.template(target('bootstrap-template'), API.bootstrap.version, KINDS.kubeadmConfigTemplate, prefix, poolLabels,
    { template: { spec: workerKubeadmSpec(ctx, pool) } }, pool.names?.bootstrapTemplate, `workerPools[${index}].names.bootstrapTemplate`);

  const syncedLabels = placeNodeLabels(pool.nodeLabels).machineLabels;
  const selector = { [LABELS.clusterName]: ctx.name, [LABELS.deploymentName]: mdName };
  const rollout = pool.rollout ?? {};
  const annotations: Record<string, string> = {};
  if (pool.autoscaling) {
    annotations[ANNOTATIONS.autoscalerMin] = String(pool.autoscaling.min);
    annotations[ANNOTATIONS.autoscalerMax] = String(pool.autoscaling.max);
  }
  const machineDeployment = ctx.object(target('machine-deployment'), API.cluster.version, KINDS.machineDeployment, mdName, annotations, {
    spec: {
      clusterName: ctx.name,
      // Autoscaled pools leave replicas unset: CAPI's webhook starts them at min size and the
      // autoscaler owns the count from then on.
      replicas: pool.autoscaling ? undefined : pool.replicas ?? 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector, ...syncedLabels } },
        spec: {
          clusterName: ctx.name,
          version: pool.version ? KubernetesVersion.from(pool.version).version : ctx.version,
          bootstrap: { configRef: ref(API.bootstrap.group, bootstrapTemplate) },
          infrastructureRef: ref(groupOf(machineTemplate.apiVersion), machineTemplate),
          failureDomain: pool.failureDomain,
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
  const healthCheck = pool.healthCheck
    ? renderHealthCheck(ctx, target('health-check'), pool.names?.healthCheck ?? mdName, pool.healthCheck, { [LABELS.deploymentName]: mdName }, poolLabels)
    : undefined;
  return { machineTemplate, bootstrapTemplate, machineDeployment, healthCheck };
}

function workerKubeadmSpec(ctx: RenderContext, pool: WorkerPoolSpec): Record<string, unknown> {
  const taints = pool.taintsViaMachineTaintPropagation ? undefined : (pool.taints && pool.taints.length > 0 ? pool.taints : undefined);
  return prune({
    joinConfiguration: { nodeRegistration: nodeRegistration(ctx.provider.kubeadmDefaults, pool, taints, placeNodeLabels(pool.nodeLabels).kubeletExtraArgs) },
    ...commonKubeadm(pool),
  });
}
