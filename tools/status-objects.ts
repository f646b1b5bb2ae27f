/**
 * Management-cluster objects as the API server serves them, with v1beta2 status shaped by the
 * CRDs' status schemas (/work/shared/capi-crds: cluster-api v1.14.0, CAAPH v0.6.4,
 * cluster-api-operator v0.28.0) and Cluster API's condition types and reasons
 * (kubernetes-sigs/cluster-api v1.14.0 api/core/v1beta2/cluster_types.go, machine_types.go,
 * condition_consts.go). `statusFleet()` holds one cluster per state for the tests;
 * `generatedFleet(n)` holds n healthy-or-upgrading clusters for the bench.
 */
import type { ServedObject } from './api-standin';

const T0 = '2026-11-20T08:00:00Z';
type Cond = { type: string; status: 'True' | 'False' | 'Unknown'; reason: string; message?: string; lastTransitionTime: string; observedGeneration: number };
// metav1.Condition: message is required (empty when there is nothing to say).
const cond = (type: string, status: Cond['status'], reason: string, message = ''): Cond => ({ type, status, reason, message, lastTransitionTime: T0, observedGeneration: 2 });

const meta = (name: string, namespace: string, cluster?: string, extra: Record<string, unknown> = {}) => ({
  name, namespace, uid: `uid-${namespace}-${name}`, resourceVersion: '4242', generation: 2, creationTimestamp: '2026-10-01T10:00:00Z',
  ...extra,
  labels: { ...(cluster ? { 'cluster.x-k8s.io/cluster-name': cluster } : {}), ...(extra.labels as Record<string, string> | undefined) },
});

/** What a cluster looks like, to build its objects from. */
export interface ClusterShape {
  readonly name: string;
  readonly namespace?: string;
  /** e.g. AWSCluster, VSphereCluster. */
  readonly infrastructure?: string;
  readonly phase?: 'Pending' | 'Provisioning' | 'Provisioned' | 'Deleting';
  /** Control-plane spec.version and status.version (they differ while upgrading). */
  readonly version?: string;
  readonly runningVersion?: string;
  readonly controlPlaneReplicas?: number;
  /** Pools: name, version, replicas, ready. */
  readonly pools?: ReadonlyArray<{ name: string; version?: string; replicas: number; ready?: number; upToDate?: number; autoscaler?: [string, string]; kind?: 'MachineDeployment' | 'MachinePool' }>;
  /** Cluster conditions overriding the healthy ones. */
  readonly conditions?: readonly Cond[];
  readonly paused?: boolean;
  readonly deleting?: boolean;
  readonly topology?: { readonly class: string; readonly reconciled: Cond };
  readonly kubeconfig?: boolean;
  readonly addons?: ReadonlyArray<{ name: string; chart: string; version: string; status: string; conditions: Cond[] }>;
  /** Machines with a problem: name suffix, owner pool (or control plane), conditions, phase, v1beta1 failure. */
  readonly badMachines?: ReadonlyArray<{ name: string; pool?: string; phase: string; conditions: Cond[]; failure?: { reason: string; message: string } }>;
  /** Certificate expiry of the control-plane Machines. */
  readonly certificatesExpiry?: readonly string[];
}

/** The healthy condition set of a v1beta2 Cluster (cluster_types.go v1.14.0). */
function healthyConditions(): Cond[] {
  return [
    cond('Available', 'True', 'Available'),
    cond('InfrastructureReady', 'True', 'Ready'),
    cond('ControlPlaneInitialized', 'True', 'Initialized'),
    cond('ControlPlaneAvailable', 'True', 'Available'),
    cond('WorkersAvailable', 'True', 'Available'),
    cond('ControlPlaneMachinesReady', 'True', 'Ready'),
    cond('WorkerMachinesReady', 'True', 'Ready'),
    cond('ControlPlaneMachinesUpToDate', 'True', 'UpToDate'),
    cond('WorkerMachinesUpToDate', 'True', 'UpToDate'),
    cond('RemoteConnectionProbe', 'True', 'ProbeSucceeded'),
    cond('RollingOut', 'False', 'NotRollingOut'),
    cond('ScalingUp', 'False', 'NotScalingUp'),
    cond('ScalingDown', 'False', 'NotScalingDown'),
    cond('Remediating', 'False', 'NotRemediating'),
    cond('Deleting', 'False', 'NotDeleting'),
    cond('Paused', 'False', 'NotPaused'),
  ];
}

/** The objects of one cluster: Cluster, KubeadmControlPlane, pools, Machines, kubeconfig Secret, HelmReleaseProxies. */
export function clusterObjects(shape: ClusterShape): ServedObject[] {
  const ns = shape.namespace ?? 'fleet';
  const name = shape.name;
  const version = shape.version ?? 'v1.34.2';
  const running = shape.runningVersion ?? version;
  const cpReplicas = shape.controlPlaneReplicas ?? 3;
  const phase = shape.phase ?? (shape.deleting ? 'Deleting' : 'Provisioned');
  const initialized = phase !== 'Pending' && phase !== 'Provisioning';
  const conditions = healthyConditions().map((c) => shape.conditions?.find((o) => o.type === c.type) ?? c);
  for (const extra of shape.conditions ?? []) if (!conditions.some((c) => c.type === extra.type)) conditions.push(extra);
  if (shape.topology) conditions.push(shape.topology.reconciled);
  const pools = shape.pools ?? [{ name: 'general', replicas: 3 }];
  const workers = pools.reduce((n, p) => n + p.replicas, 0);
  const cpName = `${name}-control-plane`;
  const cluster: ServedObject = {
    apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster',
    metadata: { ...meta(name, ns), ...(shape.deleting ? { deletionTimestamp: '2026-11-30T12:00:00Z', finalizers: ['cluster.cluster.x-k8s.io'] } : {}) },
    spec: {
      clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } },
      controlPlaneEndpoint: { host: `${name}.example.internal`, port: 6443 },
      controlPlaneRef: { apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', name: cpName },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: shape.infrastructure ?? 'AWSCluster', name },
      ...(shape.paused ? { paused: true } : {}),
      ...(shape.topology ? { topology: { classRef: { name: shape.topology.class }, version, controlPlane: { replicas: cpReplicas } } } : {}),
    },
    status: {
      phase,
      observedGeneration: 2,
      initialization: { infrastructureProvisioned: phase !== 'Pending', controlPlaneInitialized: initialized },
      controlPlane: { desiredReplicas: cpReplicas, replicas: cpReplicas, readyReplicas: initialized ? cpReplicas : 0, availableReplicas: initialized ? cpReplicas : 0, upToDateReplicas: running === version ? cpReplicas : cpReplicas - 1 },
      workers: { desiredReplicas: workers, replicas: workers, readyReplicas: pools.reduce((n, p) => n + (p.ready ?? p.replicas), 0), availableReplicas: pools.reduce((n, p) => n + (p.ready ?? p.replicas), 0), upToDateReplicas: pools.reduce((n, p) => n + (p.upToDate ?? p.replicas), 0) },
      conditions,
    },
  };
  const kcp: ServedObject = {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', kind: 'KubeadmControlPlane',
    metadata: { ...meta(cpName, ns, name), ownerReferences: [{ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name, uid: `uid-${ns}-${name}` }] },
    spec: { replicas: cpReplicas, version, machineTemplate: { spec: { infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachineTemplate', name: `${cpName}-1f2e3d4c` } } }, kubeadmConfigSpec: { format: 'cloud-config' } },
    status: {
      selector: `cluster.x-k8s.io/cluster-name=${name},cluster.x-k8s.io/control-plane`,
      replicas: cpReplicas, readyReplicas: initialized ? cpReplicas : 0, availableReplicas: initialized ? cpReplicas : 0, upToDateReplicas: running === version ? cpReplicas : cpReplicas - 1,
      ...(initialized ? { version: running } : {}),
      initialization: { controlPlaneInitialized: initialized },
      observedGeneration: 2,
      conditions: [cond('Available', initialized ? 'True' : 'False', initialized ? 'Available' : 'NotAvailable'), cond('RollingOut', running === version ? 'False' : 'True', running === version ? 'NotRollingOut' : 'RollingOut')],
    },
  };
  const out: ServedObject[] = [cluster, kcp];
  for (const p of pools) {
    const kind = p.kind ?? 'MachineDeployment';
    const ready = p.ready ?? p.replicas;
    out.push({
      apiVersion: 'cluster.x-k8s.io/v1beta2', kind,
      metadata: meta(`${name}-${p.name}`, ns, name, p.autoscaler ? { annotations: { 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': p.autoscaler[0], 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': p.autoscaler[1] } } : {}),
      spec: { clusterName: name, replicas: p.replicas, ...(kind === 'MachineDeployment' ? { selector: { matchLabels: { 'cluster.x-k8s.io/cluster-name': name, 'cluster.x-k8s.io/deployment-name': `${name}-${p.name}` } } } : {}), template: { spec: { clusterName: name, version: p.version ?? running, bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: `${name}-${p.name}-0a1b2c3d` } }, infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachineTemplate', name: `${name}-${p.name}-0e9d8c7b` } } } },
      status: {
        replicas: p.replicas, readyReplicas: ready, availableReplicas: ready, upToDateReplicas: p.upToDate ?? p.replicas, phase: ready === p.replicas ? 'Running' : 'ScalingUp', observedGeneration: 2,
        conditions: [cond('Available', ready === p.replicas ? 'True' : 'False', ready === p.replicas ? 'Available' : 'NotAvailable', ready === p.replicas ? undefined : `${p.replicas - ready} available replicas missing`)],
      },
    });
  }
  const machine = (mname: string, labels: Record<string, string>, status: Record<string, unknown>): ServedObject => ({
    apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Machine', metadata: meta(mname, ns, name, { labels }),
    spec: { clusterName: name, version: running, bootstrap: { dataSecretName: `${mname}-bootstrap` }, infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachine', name: mname } },
    status: { observedGeneration: 2, ...status },
  });
  const healthyMachine = [cond('Available', 'True', 'Available'), cond('Ready', 'True', 'Ready'), cond('UpToDate', 'True', 'UpToDate'), cond('NodeHealthy', 'True', 'NodeHealthy'), cond('HealthCheckSucceeded', 'True', 'HealthCheckSucceeded')];
  if (initialized) {
    for (let i = 0; i < cpReplicas; i++) {
      const expiry = shape.certificatesExpiry?.[i] ?? '2027-10-01T10:00:00Z';
      out.push(machine(`${cpName}-${['a1b2c', 'd3e4f', 'g5h6i', 'j7k8l', 'm9n0p'][i]}`, { 'cluster.x-k8s.io/control-plane': '', 'cluster.x-k8s.io/control-plane-name': cpName }, {
        phase: 'Running', nodeRef: { name: `ip-10-0-0-${10 + i}` }, certificatesExpiryDate: expiry, conditions: healthyMachine,
      }));
    }
  }
  for (const m of shape.badMachines ?? []) {
    const labels: Record<string, string> = m.pool ? { 'cluster.x-k8s.io/deployment-name': `${name}-${m.pool}` } : { 'cluster.x-k8s.io/control-plane': '' };
    out.push(machine(`${name}-${m.name}`, labels, { phase: m.phase, conditions: m.conditions, ...(m.failure ? { deprecated: { v1beta1: { failureReason: m.failure.reason, failureMessage: m.failure.message } } } : {}) }));
  }
  if (shape.kubeconfig ?? initialized) {
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(`${name}-kubeconfig`, ns, name), type: 'cluster.x-k8s.io/secret', data: { value: Buffer.from('apiVersion: v1\nkind: Config\n# a credential that must never be read\n').toString('base64') } });
  }
  for (const a of shape.addons ?? []) {
    out.push({
      apiVersion: 'addons.cluster.x-k8s.io/v1alpha1', kind: 'HelmReleaseProxy',
      metadata: meta(`${a.name}-${name}-x7k2p`, ns, name, { labels: { 'helmreleaseproxy.addons.cluster.x-k8s.io/helmchartproxy-name': a.name, 'cluster.x-k8s.io/cluster-name': name } }),
      spec: { clusterRef: { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name, namespace: ns }, chartName: a.chart, repoURL: 'https://helm.cilium.io/', version: a.version, releaseName: a.name, namespace: 'kube-system' },
      status: { status: a.status, revision: 1, observedGeneration: 1, conditions: a.conditions },
    });
  }
  return out;
}

/** The management cluster's own objects: cluster-api-operator providers and the CAPI controller Deployment. */
export function managementObjects(options: { capiVersion?: string; operator?: boolean; unhealthyProvider?: boolean } = {}): ServedObject[] {
  const version = options.capiVersion ?? 'v1.14.0';
  const provider = (kind: string, namespace: string, name: string, v: string, conditions: Cond[]): ServedObject => ({
    apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind, metadata: meta(name, namespace), spec: { version: v },
    status: { contract: 'v1beta2', installedVersion: v, observedGeneration: 1, conditions },
  });
  const healthy = [cond('PreflightCheckPassed', 'True', 'PreflightCheckPassed'), cond('ProviderInstalled', 'True', 'ProviderInstalled'), cond('Ready', 'True', 'DeploymentAvailable')];
  const deployment: ServedObject = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: meta('capi-controller-manager', 'capi-system', undefined, { labels: { 'cluster.x-k8s.io/provider': 'cluster-api', 'control-plane': 'controller-manager' } }),
    spec: { replicas: 1, selector: { matchLabels: { 'cluster.x-k8s.io/provider': 'cluster-api' } }, template: { metadata: {}, spec: { containers: [{ name: 'manager', image: `registry.k8s.io/cluster-api/cluster-api-controller:${version}` }] } } },
    status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
  };
  if (options.operator === false) return [deployment];
  return [
    deployment,
    provider('CoreProvider', 'capi-system', 'cluster-api', version, healthy),
    provider('InfrastructureProvider', 'capa-system', 'aws', 'v2.10.0', healthy),
    provider('BootstrapProvider', 'capi-kubeadm-bootstrap-system', 'kubeadm', version, healthy),
    provider('ControlPlaneProvider', 'capi-kubeadm-control-plane-system', 'kubeadm', version, healthy),
    provider('AddonProvider', 'caaph-system', 'helm', 'v0.6.4', options.unhealthyProvider
      ? [cond('PreflightCheckPassed', 'True', 'PreflightCheckPassed'), cond('ProviderInstalled', 'False', 'ComponentsFetchError', 'failed to fetch components from https://github.com/kubernetes-sigs/cluster-api-addon-provider-helm/releases/v0.6.4: 403 rate limited'), cond('Ready', 'False', 'ComponentsFetchError')]
      : healthy),
  ];
}

/** One cluster per state, as the tests and the README show them. */
export function statusFleet(): ServedObject[] {
  const cilium = (status: string, conditions: Cond[]) => ({ name: 'cilium', chart: 'cilium', version: '1.18.4', status, conditions });
  const addonReady = [cond('ClusterAvailable', 'True', 'ClusterAvailable'), cond('HelmReleaseReady', 'True', 'HelmReleaseReady'), cond('Ready', 'True', 'Ready')];
  return [
    ...managementObjects({ unhealthyProvider: true }),
    ...clusterObjects({
      name: 'prod-eu', pools: [{ name: 'general', replicas: 3 }, { name: 'batch', replicas: 4, autoscaler: ['1', '10'] }],
      addons: [cilium('deployed', addonReady)], certificatesExpiry: ['2027-10-01T10:00:00Z', '2027-09-14T08:30:00Z', '2027-10-01T10:00:00Z'],
    }),
    ...clusterObjects({
      name: 'staging', version: 'v1.35.0', runningVersion: 'v1.34.2', pools: [{ name: 'general', version: 'v1.34.2', replicas: 2 }],
      conditions: [cond('RollingOut', 'True', 'RollingOut', '* KubeadmControlPlane staging-control-plane: Rolling out 1 not up-to-date replicas\n  * Version v1.34.2, v1.35.0 required'), cond('ControlPlaneMachinesUpToDate', 'False', 'NotUpToDate', '* Machine staging-control-plane-a1b2c: Version v1.34.2, v1.35.0 required')],
      addons: [cilium('deployed', addonReady)],
    }),
    ...clusterObjects({
      name: 'new-team', phase: 'Provisioning',
      conditions: [cond('Available', 'False', 'NotAvailable', '* ControlPlaneAvailable: Control plane not yet initialized'), cond('ControlPlaneInitialized', 'False', 'NotInitialized', 'Waiting for the first control plane machine'), cond('ControlPlaneAvailable', 'False', 'NotAvailable', 'Control plane not yet initialized'), cond('WorkersAvailable', 'False', 'NotAvailable', '* MachineDeployment new-team-general: 0 available replicas, at least 2 required'), cond('ScalingUp', 'True', 'ScalingUp', 'Scaling up from 0 to 3 replicas')],
      pools: [{ name: 'general', replicas: 2, ready: 0 }],
    }),
    ...clusterObjects({
      name: 'payments', infrastructure: 'VSphereCluster',
      pools: [{ name: 'general', replicas: 3, ready: 2 }, { name: 'gpu', kind: 'MachinePool', replicas: 2 }],
      conditions: [
        cond('Available', 'False', 'NotAvailable', '* WorkersAvailable: 2 available replicas, at least 3 required'),
        cond('WorkersAvailable', 'False', 'NotAvailable', '* MachineDeployment payments-general: 2 available replicas, at least 3 required'),
        cond('Remediating', 'True', 'Remediating', '* Machine payments-general-7c9dd-xk2lp: Machine deletionTimestamp set, remediation in progress'),
      ],
      badMachines: [
        { name: 'general-7c9dd-xk2lp', pool: 'general', phase: 'Running', conditions: [cond('Ready', 'False', 'NotReady'), cond('NodeHealthy', 'False', 'NodeConditionsFailed', 'Node ip-10-1-2-3: kubelet stopped posting node status'), cond('HealthCheckSucceeded', 'False', 'UnhealthyNode', 'Health check failed: Condition Ready on Node timed out after 5m0s (if present)')] },
        { name: 'general-7c9dd-q8w2e', pool: 'general', phase: 'Failed', conditions: [cond('Ready', 'False', 'NotReady')], failure: { reason: 'CreateError', message: 'failed to create VM: no host in the compute cluster has enough memory' } },
      ],
      addons: [cilium('failed', [cond('ClusterAvailable', 'True', 'ClusterAvailable'), cond('HelmReleaseReady', 'False', 'HelmInstallOrUpgradeFailed', 'error upgrading: context deadline exceeded'), cond('Ready', 'False', 'HelmInstallOrUpgradeFailed')])],
    }),
    ...clusterObjects({ name: 'frozen', paused: true, conditions: [cond('Paused', 'True', 'Paused')] }),
    ...clusterObjects({ name: 'retired', deleting: true, conditions: [cond('Deleting', 'True', 'WaitingForWorkersDeletion', '* MachineDeployments: prod-general\n* Machines: retired-general-5f6g7-abcde')] }),
    ...clusterObjects({
      name: 'edge-old', version: 'v1.30.14', infrastructure: 'VSphereCluster',
      topology: { class: 'vsphere-standard', reconciled: cond('TopologyReconciled', 'False', 'ClusterClassNotReconciled', 'ClusterClass not reconciled. If this condition persists please check ClusterClass status.') },
      pools: [{ name: 'general', version: 'v1.29.15', replicas: 2 }],
    }),
  ];
}

/**
 * n clusters for the bench, two pools each (one autoscaled), three control-plane Machines, one
 * add-on, the kubeconfig Secret; every tenth cluster upgrading.
 */
export function generatedFleet(n: number): ServedObject[] {
  const out: ServedObject[] = managementObjects();
  for (let i = 0; i < n; i++) {
    const upgrading = i % 10 === 0;
    out.push(...clusterObjects({
      name: `cluster-${String(i).padStart(4, '0')}`, namespace: `team-${i % 20}`,
      version: upgrading ? 'v1.35.0' : 'v1.34.2', runningVersion: 'v1.34.2',
      pools: [{ name: 'general', version: 'v1.34.2', replicas: 3 }, { name: 'batch', version: 'v1.34.2', replicas: 2, autoscaler: ['1', '10'] }],
      conditions: upgrading ? [cond('RollingOut', 'True', 'RollingOut', '* KubeadmControlPlane: Rolling out 1 not up-to-date replicas')] : [],
      addons: [{ name: 'cilium', chart: 'cilium', version: '1.18.4', status: 'deployed', conditions: [cond('Ready', 'True', 'Ready')] }],
    }));
  }
  return out;
}
