/** The control plane: its machine template, the KubeadmControlPlane and an opt-in health check. */
import { API, groupOf, KINDS, LABELS, Manifest } from '../../capi';
import { placeNodeLabels } from '../node-labels';
import { ControlPlaneSpec, HostPathMount } from '../spec';
import { RenderContext, ref } from './context';
import { renderHealthCheck } from './health-check';
import { args, commonKubeadm, deletionTimeouts, nodeRegistration, providerBootstrap, prune, uniqueSorted } from './kubeadm';

export const DEFAULT_CONTROL_PLANE_REPLICAS = 3;

/** Override targets (roles) of the control plane's objects. */
export const CONTROL_PLANE_ROLES = {
  kubeadmControlPlane: 'control-plane',
  machineTemplate: 'control-plane/machine-template',
  healthCheck: 'control-plane/health-check',
} as const;

export interface RenderedControlPlane {
  readonly machineTemplate: Manifest;
  readonly kubeadmControlPlane: Manifest;
  readonly healthCheck?: Manifest;
}

/** The control plane's machine template and KubeadmControlPlane (the health check needs the Cluster first: see `renderControlPlaneHealthCheck`). */
export function renderControlPlane(ctx: RenderContext, cp: ControlPlaneSpec): Omit<RenderedControlPlane, 'healthCheck'> {
  const machineTemplate = ctx.machineTemplate(CONTROL_PLANE_ROLES.machineTemplate, `${ctx.name}-control-plane`, cp.machine, 'control-plane', {}, cp.names?.machineTemplate, 'controlPlane.names.machineTemplate');
  const kubeadmControlPlane = ctx.object(CONTROL_PLANE_ROLES.kubeadmControlPlane, API.controlPlane.version, KINDS.kubeadmControlPlane, cp.names?.controlPlane ?? `${ctx.name}-control-plane`, {}, {
    spec: controlPlaneSpec(ctx, cp, machineTemplate),
  });
  return { machineTemplate, kubeadmControlPlane };
}

export function renderControlPlaneHealthCheck(ctx: RenderContext, cp: ControlPlaneSpec): Manifest | undefined {
  if (!cp.healthCheck) return undefined;
  return renderHealthCheck(ctx, CONTROL_PLANE_ROLES.healthCheck, cp.names?.healthCheck ?? `${ctx.name}-control-plane`, cp.healthCheck, { [LABELS.controlPlane]: '' }, {});
}

function controlPlaneSpec(ctx: RenderContext, cp: ControlPlaneSpec, machineTemplate: Manifest): Record<string, unknown> {
  const defaults = ctx.provider.kubeadmDefaults;
  const rollout = cp.rollout ?? {};
  const nodeLabels = placeNodeLabels(cp.nodeLabels);
  const registration = nodeRegistration(defaults, cp, cp.taints, nodeLabels.kubeletExtraArgs);
  const etcd = cp.etcd ?? {};
  return {
    replicas: cp.replicas ?? DEFAULT_CONTROL_PLANE_REPLICAS,
    version: ctx.version,
    machineTemplate: {
      metadata: Object.keys(nodeLabels.machineLabels).length > 0 ? { labels: nodeLabels.machineLabels } : undefined,
      spec: { infrastructureRef: ref(groupOf(machineTemplate.apiVersion), machineTemplate), deletion: deletionTimeouts(cp.deletion) },
    },
    kubeadmConfigSpec: prune({
      clusterConfiguration: {
        apiServer: {
          extraArgs: args(cp.apiServerExtraArgs),
          extraVolumes: volumes(cp.apiServerExtraVolumes),
          certSANs: uniqueSorted([...(defaults.certSans ?? []), ...(cp.certSans ?? [])]),
        },
        controllerManager: { extraArgs: args({ ...defaults.controllerManagerExtraArgs, ...cp.controllerManagerExtraArgs }), extraVolumes: volumes(cp.controllerManagerExtraVolumes) },
        scheduler: { extraArgs: args(cp.schedulerExtraArgs), extraVolumes: volumes(cp.schedulerExtraVolumes) },
        etcd: { local: { dataDir: etcd.dataDir, extraArgs: args(etcd.extraArgs), imageRepository: etcd.imageRepository, imageTag: etcd.imageTag } },
        featureGates: cp.featureGates ? { ...cp.featureGates } : undefined,
      },
      initConfiguration: { nodeRegistration: registration },
      joinConfiguration: { nodeRegistration: registration },
      ...commonKubeadm(cp, providerBootstrap(ctx, 'control-plane', machineTemplate, cp, 'controlPlane')),
    }),
    rollout: prune({
      after: rollout.after,
      before: { certificatesExpiryDays: rollout.certificatesExpiryDays },
      strategy: rollout.maxSurge !== undefined ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: rollout.maxSurge } } : undefined,
    }),
    remediation: prune({ ...(cp.remediation ?? {}) }),
    machineNaming: cp.machineNaming ? { template: cp.machineNaming.template } : undefined,
  };
}

/** kubeadm `extraVolumes`, in the user's order (kubeadm mounts them in list order). */
function volumes(list: readonly HostPathMount[] | undefined): Array<Record<string, unknown>> | undefined {
  return list?.map(v => ({ name: v.name, hostPath: v.hostPath, mountPath: v.mountPath, readOnly: v.readOnly, pathType: v.pathType }));
}
