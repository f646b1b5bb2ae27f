/** Plans for the summary and the formats: built by hand (plain `Plan` objects), and one real fleet change. */
import { renderManagedCluster } from '../../lib';
import { planChanges } from '../../lib/plan/plan';
import { Plan, PlanCluster, PlanDanger, PlanFieldChange, PlanManifest, PlanRollout } from '../../lib/plan/types';
import { fleetSpecs } from '../../bench/fleet';

/** A cluster of the plan with nothing in it but what `parts` gives. */
export function cluster(namespace: string, name: string, parts: Partial<PlanCluster> = {}): PlanCluster {
  return { cluster: name, namespace, changes: [], rollouts: [], scaling: [], dangers: [], versions: [], inPlace: [], cleanup: [], externalReferences: [], ...parts };
}

/** Pool `pool` of cluster `name` rolls: its template rotated from `<name>-<pool>-<from>` to `<name>-<pool>-<to>`. */
export function poolRollout(name: string, pool: string, fieldChanges: PlanFieldChange[], extra: Partial<PlanRollout> = {}): PlanRollout {
  const cause = `machine template rotated ${name}-${pool}-0e9d8c7b → ${name}-${pool}-44aa55bb`;
  return {
    target: pool,
    kind: 'MachineDeployment',
    name: `${name}-${pool}`,
    machines: 3,
    maxSurge: 1,
    maxUnavailable: 0,
    reason: cause,
    strategy: 'RollingUpdate',
    causes: [cause],
    fieldChanges,
    ...extra,
  };
}

export const INSTANCE_TYPE: PlanFieldChange = { path: 'instanceType', from: 't3.large', to: 'm7i.large' };
export const APP_CONF: PlanFieldChange = { path: 'files[/etc/app.conf].content', from: 'sha256:1a2b3c4d', to: 'sha256:9f8e7d6c' };

export function evenControlPlane(name: string): PlanDanger {
  return {
    code: 'control-plane-even',
    object: `KubeadmControlPlane/${name}-control-plane`,
    message: '4 control plane machines: etcd needs a majority, so an even count tolerates no more failures than 3; use an odd count',
  };
}

/** Cluster names `c-0000` … in namespace `team-<i % 5>`. */
export function clusterName(i: number): string {
  return `c-${String(i).padStart(4, '0')}`;
}

/**
 * `size` clusters where pool `general` rolls for a larger instance type and a new file, each with
 * its changes and cleanup, and every tenth one with a control plane scaled to an even count.
 */
export function fleetPlan(size: number): { clusters: PlanCluster[] } {
  const clusters: PlanCluster[] = [];
  for (let i = 0; i < size; i++) {
    const name = clusterName(i);
    const even = i % 10 === 0;
    clusters.push(
      cluster(`team-${i % 5}`, name, {
        rollouts: [poolRollout(name, 'general', [APP_CONF, INSTANCE_TYPE])],
        scaling: even ? [{ target: 'control-plane', kind: 'KubeadmControlPlane', name: `${name}-control-plane`, from: 3, to: 4 }] : [],
        dangers: even ? [evenControlPlane(name)] : [],
        changes: [
          { kind: 'MachineDeployment', name: `${name}-general`, action: 'updated', paths: ['spec.template.spec.infrastructureRef.name'] },
          { kind: 'AWSMachineTemplate', name: `${name}-general-44aa55bb`, action: 'created', paths: [] },
          { kind: 'AWSMachineTemplate', name: `${name}-general-0e9d8c7b`, action: 'deleted', paths: [] },
        ],
      }),
    );
  }
  // The plan's order: namespace, then name.
  return { clusters: clusters.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.cluster.localeCompare(b.cluster)) };
}

/** The real plan of bench/fleet.ts's first `size` clusters when pool `general` gets an 80 GiB root volume (the AWS clusters, every other one). */
export function rootVolumeChange(size: number): Plan {
  const specs = fleetSpecs(size);
  const render = (edit: (spec: any) => void) =>
    specs.flatMap((s) => {
      const spec = JSON.parse(JSON.stringify(s));
      edit(spec);
      return renderManagedCluster(spec).manifests;
    }) as PlanManifest[];
  return planChanges(
    render(() => undefined),
    render((spec) => {
      for (const pool of spec.workerPools) if (pool.name === 'general' && pool.machine.aws) pool.machine.aws.rootVolume.sizeGiB = 80;
    }),
  );
}
