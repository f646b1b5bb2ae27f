import { fleetStatus, StatusCluster } from '../../lib/status';
import { workloadKubernetesWindow } from '../../lib/management/versions';
import { planChanges } from '../../lib/plan';
import type { PlanManifest } from '../../lib/plan';
import { clusterObjects, managementObjects, statusFleet } from '../../tools/status-objects';

const objects = () => statusFleet() as unknown as PlanManifest[];
const fleet = () => fleetStatus([{ context: 'management', objects: objects() }]);
const cluster = (name: string): StatusCluster => {
  const found = fleet().clusters.find((c) => c.name === name);
  if (!found) throw new Error(`no cluster ${name}`);
  return found;
};

describe('fleetStatus: one cluster per state', () => {
  test.each([
    ['prod-eu', 'available'],
    ['staging', 'upgrading'],
    ['new-team', 'provisioning'],
    ['payments', 'unavailable'],
    ['frozen', 'paused'],
    ['retired', 'deleting'],
    ['edge-old', 'available'],
  ])('%s is %s', (name, state) => {
    expect(cluster(name).state).toBe(state);
  });

  test('a healthy cluster: infrastructure, conditions all good, control plane, pools with autoscaler bounds, add-ons, kubeconfig, earliest certificate expiry', () => {
    const c = cluster('prod-eu');
    expect(c.infrastructure).toBe('AWSCluster');
    expect(c.conditions.map((x) => [x.type, x.status, x.good])).toEqual([
      ['Available', 'True', true], ['ControlPlaneAvailable', 'True', true], ['WorkersAvailable', 'True', true], ['RollingOut', 'False', true],
      ['ScalingUp', 'False', true], ['ScalingDown', 'False', true], ['Remediating', 'False', true], ['Paused', 'False', true], ['Deleting', 'False', true],
    ]);
    expect(c.controlPlane).toEqual({ kind: 'KubeadmControlPlane', name: 'prod-eu-control-plane', version: 'v1.34.2', desiredVersion: 'v1.34.2', replicas: { desired: 3, current: 3, ready: 3, available: 3, upToDate: 3 } });
    expect(c.pools.map((p) => [p.name, p.kind, p.version, p.replicas, p.autoscaler])).toEqual([
      ['prod-eu-batch', 'MachineDeployment', 'v1.34.2', { desired: 4, current: 4, ready: 4, available: 4, upToDate: 4 }, { min: '1', max: '10' }],
      ['prod-eu-general', 'MachineDeployment', 'v1.34.2', { desired: 3, current: 3, ready: 3, available: 3, upToDate: 3 }, undefined],
    ]);
    expect(c.addons).toEqual([{ name: 'cilium', chart: 'cilium', version: '1.18.4', release: 'deployed', ready: true }]);
    expect(c.kubeconfigSecret).toBe(true);
    expect(c.certificatesExpiry).toEqual({ date: '2027-09-14T08:30:00Z', machine: 'prod-eu-control-plane-d3e4f' });
    expect(c.unhealthyMachines).toEqual([]);
  });

  test('an upgrading cluster: the control plane runs one version and is asked for another; RollingOut with its message on one line', () => {
    const c = cluster('staging');
    expect([c.controlPlane.version, c.controlPlane.desiredVersion, c.controlPlane.replicas.upToDate]).toEqual(['v1.34.2', 'v1.35.0', 2]);
    expect(c.conditions.filter((x) => !x.good)).toEqual([{
      type: 'RollingOut', status: 'True', reason: 'RollingOut', good: false,
      message: 'KubeadmControlPlane staging-control-plane: Rolling out 1 not up-to-date replicas; Version v1.34.2, v1.35.0 required',
    }]);
  });

  test('a provisioning cluster has no kubeconfig Secret yet and says why it is not available', () => {
    const c = cluster('new-team');
    expect(c.kubeconfigSecret).toBe(false);
    expect(c.conditions.filter((x) => !x.good).map((x) => `${x.type}=${x.status} ${x.reason}`)).toEqual([
      'Available=False NotAvailable', 'ControlPlaneAvailable=False NotAvailable', 'WorkersAvailable=False NotAvailable', 'ScalingUp=True ScalingUp',
    ]);
    expect(c.pools[0].conditions.map((x) => x.message)).toEqual(['2 available replicas missing']);
  });

  test('an unhealthy cluster: machines with their failure reason, a remediation, a MachinePool, a failed add-on', () => {
    const c = cluster('payments');
    expect(c.unhealthyMachines).toEqual([
      { name: 'payments-general-7c9dd-q8w2e', owner: 'payments-general', phase: 'Failed', reason: 'CreateError', message: 'failed to create VM: no host in the compute cluster has enough memory' },
      { name: 'payments-general-7c9dd-xk2lp', owner: 'payments-general', phase: 'Running', reason: 'HealthCheckSucceeded: UnhealthyNode', message: 'Health check failed: Condition Ready on Node timed out after 5m0s (if present)' },
    ]);
    expect(c.conditions.find((x) => x.type === 'Remediating')).toMatchObject({ status: 'True', good: false });
    expect(c.pools.map((p) => p.kind)).toEqual(['MachineDeployment', 'MachinePool']);
    expect(c.addons).toEqual([{ name: 'cilium', chart: 'cilium', version: '1.18.4', release: 'failed', ready: false, reason: 'HelmInstallOrUpgradeFailed', message: 'error upgrading: context deadline exceeded' }]);
  });

  test('paused and deleting clusters say so, with the Deleting reason', () => {
    expect(cluster('frozen').conditions.find((x) => x.type === 'Paused')).toEqual({ type: 'Paused', status: 'True', reason: 'Paused', good: false });
    expect(cluster('retired').conditions.find((x) => x.type === 'Deleting')).toMatchObject({ status: 'True', reason: 'WaitingForWorkersDeletion' });
  });

  test('a topology cluster reports its ClusterClass and TopologyReconciled; the others do not have it', () => {
    const c = cluster('edge-old');
    expect(c.clusterClass).toBe('vsphere-standard');
    expect(c.conditions.find((x) => x.type === 'TopologyReconciled')).toMatchObject({ status: 'False', reason: 'ClusterClassNotReconciled', good: false });
    expect(cluster('prod-eu').conditions.some((x) => x.type === 'TopologyReconciled')).toBe(false);
  });

  test('a topology cluster whose TopologyReconciled says an upgrade is pending is upgrading', () => {
    const objs = clusterObjects({ name: 't', topology: { class: 'c', reconciled: { type: 'TopologyReconciled', status: 'False', reason: 'MachineDeploymentsUpgradePending', lastTransitionTime: 'x', observedGeneration: 1 } } });
    expect(fleetStatus([{ objects: objs as unknown as PlanManifest[] }]).clusters[0].state).toBe('upgrading');
  });
});

describe('the fleet summary', () => {
  test('counts by state, control-plane versions by count, lagging pools, clusters outside the window, unavailable clusters', () => {
    const { summary } = fleet();
    expect(summary.clusters).toBe(7);
    expect(summary.states).toEqual([
      { state: 'available', count: 2 }, { state: 'upgrading', count: 1 }, { state: 'provisioning', count: 1 },
      { state: 'unavailable', count: 1 }, { state: 'paused', count: 1 }, { state: 'deleting', count: 1 },
    ]);
    expect(summary.controlPlaneVersions).toEqual([{ version: 'v1.34', count: 6 }, { version: 'v1.30', count: 1 }]);
    expect(summary.lagging).toEqual([{ cluster: 'fleet/edge-old', pool: 'edge-old-general', version: 'v1.29.15', controlPlane: 'v1.30.14' }]);
    expect(summary.outsideWindow).toEqual([{ cluster: 'fleet/edge-old', version: 'v1.30.14', window: 'v1.31-v1.36' }]);
    expect(summary.unavailable).toEqual(['fleet/new-team', 'fleet/payments']);
    expect(summary.drift).toBeUndefined();
  });

  test('the management cluster: CAPI version from the CoreProvider, its window, provider health', () => {
    const [m] = fleet().management;
    expect(m.capiVersion).toEqual({ version: 'v1.14.0', source: 'CoreProvider capi-system/cluster-api' });
    expect(m.supportedVersions).toEqual({ oldest: 'v1.31', newest: 'v1.36', source: 'Cluster API v1.14.0' });
    expect(m.providers.map((p) => `${p.kind} ${p.name} ${p.healthy}`)).toEqual([
      'AddonProvider helm false', 'BootstrapProvider kubeadm true', 'ControlPlaneProvider kubeadm true', 'CoreProvider cluster-api true', 'InfrastructureProvider aws true',
    ]);
    expect(m.providers[0].conditions.map((c) => c.reason)).toEqual(['ComponentsFetchError', 'ComponentsFetchError']);
    expect(m.notes).toEqual([]);
  });

  test('without the operator the version comes from the controller image, then from --capi-version, else a note', () => {
    const workload = clusterObjects({ name: 'a', version: 'v1.30.2' });
    const fromImage = fleetStatus([{ objects: [...managementObjects({ operator: false, capiVersion: 'v1.12.3' }), ...workload] as unknown as PlanManifest[] }]);
    expect(fromImage.management[0].capiVersion).toEqual({ version: 'v1.12.3', source: 'image of Deployment capi-system/capi-controller-manager' });
    // v1.12.3 supports v1.29 to v1.35 (v1.36 from v1.12.8): v1.30 is inside.
    expect(fromImage.summary.outsideWindow).toEqual([]);
    const fromFlag = fleetStatus([{ objects: workload as unknown as PlanManifest[] }], { capiVersion: 'v1.14.0' });
    expect(fromFlag.management[0].capiVersion).toEqual({ version: 'v1.14.0', source: '--capi-version' });
    expect(fromFlag.summary.outsideWindow).toEqual([{ cluster: 'fleet/a', version: 'v1.30.2', window: 'v1.31-v1.36' }]);
    const unknown = fleetStatus([{ objects: workload as unknown as PlanManifest[] }]);
    expect(unknown.management[0].notes).toEqual([expect.stringMatching(/^the Cluster API version is unknown .*pass --capi-version/)]);
    expect(fleetStatus([{ objects: workload as unknown as PlanManifest[] }], { capiVersion: 'v1.20.0' }).management[0].notes).toEqual(['the supported Kubernetes versions of Cluster API v1.20.0 are not known to this version of capi-constructs']);
  });

  test('several management clusters: ids carry the context, each cluster is checked against its own window', () => {
    const prod = { context: 'prod', objects: [...managementObjects(), ...clusterObjects({ name: 'a', version: 'v1.30.2' })] as unknown as PlanManifest[] };
    const dev = { context: 'dev', objects: [...managementObjects({ capiVersion: 'v1.12.8' }), ...clusterObjects({ name: 'a', version: 'v1.30.2' })] as unknown as PlanManifest[] };
    const s = fleetStatus([prod, dev]);
    expect(s.clusters.map((c) => `${c.context}:${c.name}`)).toEqual(['dev:a', 'prod:a']);
    expect(s.summary.outsideWindow).toEqual([{ cluster: 'prod:fleet/a', version: 'v1.30.2', window: 'v1.31-v1.36' }]);
  });

  test('selects clusters by name or namespace/name', () => {
    expect(fleetStatus([{ objects: objects() }], { clusters: ['prod-eu', 'fleet/staging'] }).clusters.map((c) => c.name)).toEqual(['prod-eu', 'staging']);
  });
});

describe('the status reads its windows from the management version table (cluster-api docs/book/src/reference/versions.md)', () => {
  test.each([
    ['v1.14.0', 'v1.31-v1.36'], ['v1.14.3', 'v1.31-v1.36'], ['v1.13.0', 'v1.30-v1.35'], ['v1.13.1', 'v1.30-v1.36'],
    ['v1.12.0', 'v1.29-v1.34'], ['v1.12.1', 'v1.29-v1.35'], ['v1.12.8', 'v1.29-v1.36'],
  ])('%s supports %s', (v, window) => {
    const w = workloadKubernetesWindow(v)!;
    expect(`${w.oldest}-${w.newest}`).toBe(window);
  });
  test('unknown releases have no window', () => {
    expect([workloadKubernetesWindow('v1.9.0'), workloadKubernetesWindow('v1.15.0'), workloadKubernetesWindow('main')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('drift against desired manifests (the plan\'s comparison)', () => {
  test('changed, in-sync, not desired and missing clusters', () => {
    const live = objects();
    const spec = (m: PlanManifest) => m as unknown as { spec: Record<string, unknown> };
    const strip = (m: PlanManifest) => ({ apiVersion: m.apiVersion, kind: m.kind, metadata: { name: m.metadata.name, namespace: m.metadata.namespace, labels: m.metadata.labels }, spec: structuredClone(spec(m).spec) }) as PlanManifest;
    const pick = (name: string) => live.filter((m) => (m.metadata.name === name || m.metadata.labels?.['cluster.x-k8s.io/cluster-name'] === name) && ['Cluster', 'KubeadmControlPlane', 'MachineDeployment'].includes(m.kind)).map(strip);
    const desired = [...pick('prod-eu'), ...pick('staging'), ...clusterObjects({ name: 'future' }).filter((m) => m.kind === 'Cluster').map((m) => strip(m as unknown as PlanManifest))];
    const kcp = desired.find((m) => m.kind === 'KubeadmControlPlane' && m.metadata.name === 'staging-control-plane')!;
    spec(kcp).spec.replicas = 5;
    // What readLiveManifests lists for these desired kinds.
    const plan = planChanges(live.filter((m) => ['Cluster', 'KubeadmControlPlane', 'MachineDeployment'].includes(m.kind)), desired, { beforeIsLive: true });
    const s = fleetStatus([{ context: 'management', objects: live }], { drift: [{ context: 'management', plan }] });
    const drift = (name: string) => s.clusters.find((c) => c.name === name)!.drift;
    expect(drift('prod-eu')).toEqual({ inDesired: true, changes: [] });
    expect(drift('staging')).toEqual({ inDesired: true, changes: [{ kind: 'KubeadmControlPlane', name: 'staging-control-plane', action: 'updated', paths: ['spec.replicas'] }] });
    expect(drift('payments')).toEqual({ inDesired: false, changes: [] });
    expect(s.summary.drift).toEqual({ drifted: ['fleet/staging'], missing: ['fleet/future'], notDesired: ['fleet/edge-old', 'fleet/frozen', 'fleet/new-team', 'fleet/payments', 'fleet/retired'] });
  });
});

describe('hostile objects', () => {
  test('wrong shapes, __proto__ keys, control characters and huge messages never throw and are read as absent or cleaned', () => {
    const huge = 'x'.repeat(5_000_000);
    const garbage = [
      null, 42, 'text', [], { kind: 'Cluster' }, { kind: 'Cluster', metadata: { name: 7 } },
      JSON.parse('{"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster","metadata":{"name":"odd","namespace":"fleet","__proto__":{"labels":{"x":"y"}}},"spec":{"controlPlaneRef":"nope","topology":[]},"status":{"conditions":{"type":"Available"},"phase":7}}'),
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'loud', namespace: 'fleet' }, status: { phase: 'Provisioned', initialization: { controlPlaneInitialized: true }, conditions: [null, { type: 'Available', status: 'False', reason: 'NotAvailable', message: `\u001b[2J\u001b[31mred\n${huge}` }] } },
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', metadata: { name: 'm', namespace: 'fleet', labels: { 'cluster.x-k8s.io/cluster-name': 'loud', 'cluster.x-k8s.io/control-plane': '' } }, status: { certificatesExpiryDate: 'not a date', conditions: 'no' } },
    ] as unknown as PlanManifest[];
    const s = fleetStatus([{ objects: garbage }]);
    expect(s.clusters.map((c) => [c.name, c.state])).toEqual([['loud', 'unavailable'], ['odd', 'provisioning']]);
    const message = s.clusters[0].conditions[0].message!;
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message).toMatch(/^ ?\[2J \[31mred; x+…$/);
    expect(s.clusters[0].certificatesExpiry).toBeUndefined();
    expect(({} as Record<string, unknown>).labels).toBeUndefined();
  });
});
