/**
 * The development provider (CAPD's `DevCluster` / `DevMachineTemplate` with the docker
 * backend): local clusters in containers, no cloud account.
 */
import { API } from '../../capi';
import { InfrastructureProvider, MachineRole } from '../../core/provider';
import { checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { listOf, objectOf } from '../../support/shape';
import { DevClusterSpec, DevMachineSpec } from './spec';

export * from './spec';

declare module '../../core/spec/provider-sections' {
  interface InfrastructureSpec {
    /** CAPD's development provider with the docker backend (`DevCluster`): local clusters, no cloud account. */
    readonly dev?: DevClusterSpec;
  }
  interface MachineSpec {
    /** Dev machine settings (DevMachineTemplate, docker backend). @default - kindest/node image for the version */
    readonly dev?: DevMachineSpec;
  }
}

export const devProvider: InfrastructureProvider<DevClusterSpec, DevMachineSpec> = {
  id: 'dev',
  // CAPD is installed as the `docker` infrastructure provider; it serves the Dev kinds too.
  operatorName: 'docker',
  apiVersion: API.infrastructure.version,
  clusterKind: 'DevCluster',
  machineTemplateKind: 'DevMachineTemplate',
  // CAPI v1.14.0 test/infrastructure/docker serves DevClusterTemplate (infrastructure.cluster.x-k8s.io_devclustertemplates.yaml), which CAPD's own ClusterClass flavor references.
  // Its cluster section renders the same for every cluster, so one template serves a class.
  clusterTemplateKind: 'DevClusterTemplate',
  clusterShape: {
    loadBalancer: objectOf({ imageRepository: 'string', imageTag: 'string' }),
    failureDomains: listOf(objectOf({ name: 'string', controlPlane: 'boolean' })),
  },
  machineShape: {
    customImage: 'string',
    extraMounts: listOf(objectOf({ containerPath: 'string', hostPath: 'string', readOnly: 'boolean' })),
    preLoadImages: listOf('string'),
  },
  // As CAPD's development templates: the API server is reached through the docker host, and
  // the kubelet must not evict pods because the host's disk looks full from inside a container.
  // CAPD's DevMachineTemplate controller fills status.capacity (cpu, memory) from the container
  // runtime's host (cluster-api v1.14.0 test/infrastructure/docker/internal/controllers/
  // devmachinetemplate_controller.go Reconcile(), fetchSystemResourceCapacity()).
  reportsMachineCapacity: true,
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

  failureDomainProblem(spec: DevClusterSpec, name: string) {
    const declared = (spec.failureDomains ?? []).map(fd => fd.name);
    if (declared.includes(name)) return undefined;
    return declared.length === 0
      ? { message: 'the DevCluster declares no failure domains, so no machine could be placed in this one', fix: `declare it in infrastructure.dev.failureDomains, or remove failureDomain` }
      : { message: 'is not a failure domain the DevCluster declares', allowed: declared.join(', '), fix: 'use a declared failure domain, or declare it in infrastructure.dev.failureDomains' };
  },

  renderClusterSpec(spec: DevClusterSpec): Record<string, unknown> {
    const lb = spec.loadBalancer;
    // Sorted by name: cluster-api v1.14.0 test/infrastructure/docker/internal/webhooks/devcluster.go
    // validateDevClusterSpec refuses any other order ("failure domains must be sorted by name").
    const fds = [...(spec.failureDomains ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
