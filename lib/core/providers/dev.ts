import { checkNonEmptyString, InfrastructureProvider, IssueSink, MachineRole } from './provider';

/** Settings of the DevCluster (CAPD's development provider, docker backend). */
export interface DevClusterSpec {
  /** The HAProxy load balancer container in front of the API servers. @default - CAPD's image */
  readonly loadBalancer?: { readonly imageRepository?: string; readonly imageTag?: string };
  /** Failure domains to spread machines over. @default - none */
  readonly failureDomains?: readonly { readonly name: string; readonly controlPlane?: boolean }[];
}

/** Settings of a DevMachineTemplate (docker backend). */
export interface DevMachineSpec {
  /** Node image. @default - kindest/node for the machine's Kubernetes version */
  readonly customImage?: string;
  /** Host paths mounted into the node container. @default - none */
  readonly extraMounts?: readonly { readonly containerPath: string; readonly hostPath: string; readonly readOnly?: boolean }[];
  /** Images loaded into the node before it starts. @default - none */
  readonly preLoadImages?: readonly string[];
}

export const devProvider: InfrastructureProvider<DevClusterSpec, DevMachineSpec> = {
  id: 'dev',
  clusterKind: 'DevCluster',
  machineTemplateKind: 'DevMachineTemplate',
  // As CAPD's development templates: the API server is reached through the docker host, and
  // the kubelet must not evict pods because the host's disk looks full from inside a container.
  kubeadmDefaults: {
    certSans: ['localhost', '127.0.0.1', '0.0.0.0', 'host.docker.internal'],
    kubeletExtraArgs: { 'eviction-hard': 'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%' },
  },

  validateCluster(spec: DevClusterSpec, report: IssueSink): void {
    const seen = new Set<string>();
    (spec.failureDomains ?? []).forEach((fd, i) => {
      checkNonEmptyString(report, `failureDomains[${i}].name`, fd.name ?? '');
      if (seen.has(fd.name)) report({ path: `failureDomains[${i}].name`, message: 'duplicate failure domain', value: fd.name, fix: 'name each failure domain once' });
      seen.add(fd.name);
    });
  },

  validateMachine(spec: DevMachineSpec | undefined, _role: MachineRole, report: IssueSink): void {
    if (!spec) return;
    checkNonEmptyString(report, 'customImage', spec.customImage);
    (spec.extraMounts ?? []).forEach((m, i) => {
      for (const key of ['containerPath', 'hostPath'] as const) {
        if (typeof m[key] !== 'string' || !m[key].startsWith('/')) {
          report({ path: `extraMounts[${i}].${key}`, message: 'must be an absolute path', value: m[key], fix: 'start the path with /' });
        }
      }
    });
    (spec.preLoadImages ?? []).forEach((img, i) => checkNonEmptyString(report, `preLoadImages[${i}]`, img));
  },

  renderClusterSpec(spec: DevClusterSpec): Record<string, unknown> {
    const lb = spec.loadBalancer;
    const fds = spec.failureDomains ?? [];
    // `docker: {}` is meaningful: it selects the docker backend, so it is emitted even when empty.
    return {
      backend: {
        docker: {
          loadBalancer: lb && (lb.imageRepository || lb.imageTag) ? { imageRepository: lb.imageRepository, imageTag: lb.imageTag } : undefined,
          failureDomains: fds.length > 0 ? fds.map(fd => ({ name: fd.name, controlPlane: fd.controlPlane })) : undefined,
        },
      },
    };
  },

  renderMachineSpec(spec: DevMachineSpec | undefined): Record<string, unknown> {
    const m = spec ?? {};
    return {
      backend: {
        docker: {
          customImage: m.customImage,
          extraMounts: m.extraMounts && m.extraMounts.length > 0 ? m.extraMounts.map(x => ({ containerPath: x.containerPath, hostPath: x.hostPath, readOnly: x.readOnly })) : undefined,
          preLoadImages: m.preLoadImages && m.preLoadImages.length > 0 ? [...m.preLoadImages] : undefined,
        },
      },
    };
  },
};
