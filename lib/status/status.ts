/**
 * Live objects of one or more management clusters in, a typed fleet status out. Pure: the
 * reading is lib/io/live.ts (`readManagementObjects`). Field paths and condition types are those
 * of Cluster API v1.14.0's v1beta2 API (kubernetes-sigs/cluster-api v1.14.0,
 * api/core/v1beta2/{cluster,machine,machinedeployment,machinepool}_types.go, condition_consts.go;
 * api/controlplane/kubeadm/v1beta2/kubeadm_control_plane_types.go), CAAPH v0.6.4
 * (api/v1alpha1/helmreleaseproxy_types.go) and cluster-api-operator v0.28.0
 * (api/v1alpha2/provider_types.go). Anything of the wrong shape is read as absent, never thrown.
 */
import { ANNOTATIONS, groupOf, LABELS } from '../capi';
import { compareVersions, formatMinor, isInWindow, parseVersion } from '../core/versions';
import type { Plan } from '../plan/types';
import type {
  FleetStatus, StatusAddon, StatusCapiVersion, StatusCluster, StatusClusterState, StatusCondition, StatusControlPlane, StatusInput,
  StatusMachine, StatusManagement, StatusPool, StatusProvider, StatusReplicas, StatusSummary,
} from './types';
import { STATUS_CLUSTER_STATES } from './types';
import { workloadKubernetesWindow } from '../management/versions';

export interface FleetStatusOptions {
  /** Only these clusters: `name` or `namespace/name`. @default - every cluster read */
  readonly clusters?: readonly string[];
  /** The management clusters' Cluster API version when neither the operator nor the controller image says. @default - unknown */
  readonly capiVersion?: string;
  /**
   * Plans of the desired manifests against each management cluster (`planChanges(live, desired,
   * { beforeIsLive: true })`), keyed by context; gives every cluster its `drift`.
   * @default - no drift
   */
  readonly drift?: ReadonlyArray<{ readonly context: string; readonly plan: Plan }>;
}

type Obj = Record<string, unknown>;

const rec = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (Object.prototype.hasOwnProperty.call(rec(v) ?? {}, k) ? rec(v)![k] : undefined), o);
const strMap = (v: unknown, key: string): string | undefined => {
  const m = rec(v);
  return m && Object.prototype.hasOwnProperty.call(m, key) && typeof m[key] === 'string' ? (m[key] as string) : undefined;
};

const MESSAGE_MAX = 300;

/** One line, no control characters (a hostile message must not move the terminal's cursor), at most MESSAGE_MAX characters. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*(\*\s*)?/g, '; ').replace(/^\*\s*/, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return flat.length > MESSAGE_MAX ? `${flat.slice(0, MESSAGE_MAX - 1)}…` : flat;
}

/** A condition from status.conditions, or `Missing`. `goodWhen` is the status a settled, healthy object has. */
function condition(o: unknown, type: string, goodWhen: 'True' | 'False'): StatusCondition {
  const list = at(o, 'status', 'conditions');
  const found = Array.isArray(list) ? list.map(rec).find((c) => c && c.type === type) : undefined;
  if (!found) return { type, status: 'Missing', good: goodWhen === 'False' };
  const status = found.status === 'True' || found.status === 'False' ? found.status : 'Unknown';
  const good = status === goodWhen;
  const reason = str(found.reason);
  const message = str(found.message);
  return { type, status, ...(reason ? { reason } : {}), ...(message && !good ? { message: oneLine(message) } : {}), good };
}

/** Every condition an object reports (cluster-api-operator providers). */
function allConditions(o: unknown): StatusCondition[] {
  const list = at(o, 'status', 'conditions');
  if (!Array.isArray(list)) return [];
  return list.map(rec).filter((c): c is Obj => !!c && typeof c.type === 'string').map((c) => condition(o, c.type as string, 'True'));
}

/**
 * The Cluster conditions that matter, with their good state (cluster_types.go v1.14.0:
 * ClusterAvailableCondition, ClusterControlPlaneAvailableCondition, ClusterWorkersAvailableCondition,
 * ClusterRollingOutCondition, ClusterScalingUp/DownCondition, ClusterRemediatingCondition,
 * PausedCondition, ClusterDeletingCondition, ClusterTopologyReconciledCondition).
 */
const CLUSTER_CONDITIONS: ReadonlyArray<[string, 'True' | 'False']> = [
  ['Available', 'True'],
  ['ControlPlaneAvailable', 'True'],
  ['WorkersAvailable', 'True'],
  ['RollingOut', 'False'],
  ['ScalingUp', 'False'],
  ['ScalingDown', 'False'],
  ['Remediating', 'False'],
  ['Paused', 'False'],
  ['Deleting', 'False'],
];

/** TopologyReconciled reasons that mean an upgrade is under way (cluster_types.go v1.14.0). */
const TOPOLOGY_UPGRADING = new Set(['ControlPlaneUpgradePending', 'MachineDeploymentsUpgradePending', 'MachinePoolsUpgradePending', 'ClusterUpgrading']);

function replicas(o: unknown, statusPath: string[] = ['status']): StatusReplicas {
  const s = at(o, ...statusPath);
  const r: Record<string, number> = {};
  const put = (k: string, v: unknown) => {
    const n = num(v);
    if (n !== undefined) r[k] = n;
  };
  put('desired', statusPath.length > 1 ? at(s, 'desiredReplicas') : at(o, 'spec', 'replicas'));
  put('current', at(s, 'replicas'));
  put('ready', at(s, 'readyReplicas'));
  put('available', at(s, 'availableReplicas'));
  put('upToDate', at(s, 'upToDateReplicas'));
  return r;
}

interface Indexed {
  readonly byKind: Map<string, Obj[]>;
}

function index(objects: readonly unknown[]): Indexed {
  const byKind = new Map<string, Obj[]>();
  for (const o of objects) {
    const r = rec(o);
    const kind = str(r?.kind);
    if (!r || !kind || !str(at(r, 'metadata', 'name'))) continue;
    const list = byKind.get(kind) ?? [];
    list.push(r);
    byKind.set(kind, list);
  }
  return { byKind };
}

const nameOf = (o: Obj) => at(o, 'metadata', 'name') as string;
const nsOf = (o: Obj) => str(at(o, 'metadata', 'namespace')) ?? '';
const clusterKey = (ns: string, name: string) => `${ns}/${name}`;

/** Groups objects by the cluster they belong to: the cluster-name label, else `clusterField` in spec. */
function byCluster(objects: readonly Obj[] | undefined, clusterField: (o: Obj) => unknown): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const o of objects ?? []) {
    const cluster = strMap(at(o, 'metadata', 'labels'), LABELS.clusterName) ?? str(clusterField(o));
    if (!cluster) continue;
    const key = clusterKey(nsOf(o), cluster);
    const list = out.get(key) ?? [];
    list.push(o);
    out.set(key, list);
  }
  return out;
}

function pool(o: Obj, kind: 'MachineDeployment' | 'MachinePool'): StatusPool {
  const annotations = at(o, 'metadata', 'annotations');
  const min = strMap(annotations, ANNOTATIONS.autoscalerMin);
  const max = strMap(annotations, ANNOTATIONS.autoscalerMax);
  const version = str(at(o, 'spec', 'template', 'spec', 'version'));
  // machinedeployment_types.go / machinepool_types.go v1.14.0: Available True, RollingOut /
  // ScalingUp / ScalingDown / Remediating False when settled.
  const conditions = [condition(o, 'Available', 'True'), condition(o, 'RollingOut', 'False'), condition(o, 'ScalingUp', 'False'), condition(o, 'ScalingDown', 'False'), condition(o, 'Remediating', 'False')]
    .filter((c) => !c.good && c.status !== 'Missing');
  return { kind, name: nameOf(o), ...(version ? { version } : {}), replicas: replicas(o), ...(min !== undefined && max !== undefined ? { autoscaler: { min, max } } : {}), conditions };
}

/**
 * Machines that are not healthy (machine_types.go v1.14.0): a v1beta1 failure reason, phase
 * Failed, a failed MachineHealthCheck (HealthCheckSucceeded False), a node that is not healthy
 * (NodeHealthy False), or a Running machine that is not Ready.
 */
function unhealthy(m: Obj): StatusMachine | undefined {
  const phase = str(at(m, 'status', 'phase'));
  const labels = at(m, 'metadata', 'labels');
  const owner = strMap(labels, LABELS.controlPlane) !== undefined ? 'control-plane' : (strMap(labels, LABELS.deploymentName) ?? strMap(labels, 'cluster.x-k8s.io/pool-name'));
  const base = { name: nameOf(m), ...(owner ? { owner } : {}), ...(phase ? { phase } : {}) };
  const failureReason = str(at(m, 'status', 'deprecated', 'v1beta1', 'failureReason'));
  const failureMessage = str(at(m, 'status', 'deprecated', 'v1beta1', 'failureMessage'));
  if (failureReason || failureMessage) return { ...base, reason: failureReason ?? 'Failed', ...(failureMessage ? { message: oneLine(failureMessage) } : {}) };
  const failing = [condition(m, 'HealthCheckSucceeded', 'True'), condition(m, 'NodeHealthy', 'True'), condition(m, 'Ready', 'True')]
    .filter((c) => c.status === 'False' && (c.type !== 'Ready' || phase === 'Running'));
  const first = failing[0];
  if (first) return { ...base, reason: `${first.type}: ${first.reason ?? 'False'}`, ...(first.message ? { message: first.message } : {}) };
  if (phase === 'Failed') return { ...base, reason: 'phase Failed' };
  return undefined;
}

function addon(h: Obj): StatusAddon {
  const ready = condition(h, 'Ready', 'True');
  // A failing HelmReleaseReady says more than the summary Ready (CAAPH v0.6.4 condition_consts.go).
  const release = condition(h, 'HelmReleaseReady', 'True');
  const why = !release.good && release.status !== 'Missing' ? release : ready;
  const name = strMap(at(h, 'metadata', 'labels'), 'helmreleaseproxy.addons.cluster.x-k8s.io/helmchartproxy-name') ?? nameOf(h);
  const chart = str(at(h, 'spec', 'chartName'));
  const version = str(at(h, 'spec', 'version'));
  const status = str(at(h, 'status', 'status'));
  return {
    name, ...(chart ? { chart } : {}), ...(version ? { version } : {}), ...(status ? { release: status } : {}),
    ready: ready.good,
    ...(!ready.good && why.reason ? { reason: why.reason } : {}), ...(!ready.good && why.message ? { message: why.message } : {}),
  };
}

function state(c: Obj, conditions: StatusCondition[], cp: StatusControlPlane, topology: StatusCondition | undefined): StatusClusterState {
  const get = (t: string) => conditions.find((x) => x.type === t);
  const phase = str(at(c, 'status', 'phase'));
  if (at(c, 'metadata', 'deletionTimestamp') !== undefined || phase === 'Deleting') return 'deleting';
  if (at(c, 'spec', 'paused') === true || get('Paused')?.status === 'True' || strMap(at(c, 'metadata', 'annotations'), 'cluster.x-k8s.io/paused') !== undefined) return 'paused';
  // ClusterStatus.initialization.controlPlaneInitialized, or the ClusterControlPlaneInitializedCondition.
  const initialized = at(c, 'status', 'initialization', 'controlPlaneInitialized') === true || condition(c, 'ControlPlaneInitialized', 'True').status === 'True';
  if (phase === undefined || phase === 'Pending' || phase === 'Provisioning' || !initialized) return 'provisioning';
  if (get('Available')?.status !== 'True') return 'unavailable';
  const versionBehind = cp.version && cp.desiredVersion && cp.version !== cp.desiredVersion;
  if (get('RollingOut')?.status === 'True' || versionBehind || (topology?.reason && TOPOLOGY_UPGRADING.has(topology.reason))) return 'upgrading';
  return 'available';
}

function clusterStatus(context: string, c: Obj, related: Related): StatusCluster {
  const ns = nsOf(c);
  const name = nameOf(c);
  const key = clusterKey(ns, name);
  const isTopology = rec(at(c, 'spec', 'topology')) !== undefined;
  const conditions = CLUSTER_CONDITIONS.map(([t, g]) => condition(c, t, g)).filter((x) => x.status !== 'Missing');
  const topology = isTopology ? condition(c, 'TopologyReconciled', 'True') : undefined;
  if (topology) conditions.push(topology);

  const cpRef = rec(at(c, 'spec', 'controlPlaneRef'));
  const cpKind = str(cpRef?.kind);
  const cpName = str(cpRef?.name);
  const cpObj = cpKind && cpName ? related.byName.get(`${cpKind}|${ns}/${cpName}`) : undefined;
  const cpVersion = str(at(cpObj, 'status', 'version'));
  const cpDesired = str(at(cpObj, 'spec', 'version')) ?? str(at(c, 'spec', 'topology', 'version'));
  const controlPlane: StatusControlPlane = {
    ...(cpKind ? { kind: cpKind } : {}), ...(cpName ? { name: cpName } : {}),
    ...(cpVersion ? { version: cpVersion } : {}), ...(cpDesired ? { desiredVersion: cpDesired } : {}),
    // The control plane object's own counts; else the Cluster's summary of them (ClusterControlPlaneStatus).
    replicas: cpObj ? replicas(cpObj) : replicas(c, ['status', 'controlPlane']),
  };

  const pools = [
    ...(related.deployments.get(key) ?? []).map((o) => pool(o, 'MachineDeployment')),
    ...(related.machinePools.get(key) ?? []).map((o) => pool(o, 'MachinePool')),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const machines = related.machines.get(key) ?? [];
  const unhealthyMachines = machines.map(unhealthy).filter((m): m is StatusMachine => !!m).sort((a, b) => a.name.localeCompare(b.name));
  let certificatesExpiry: StatusCluster['certificatesExpiry'];
  for (const m of machines) {
    if (strMap(at(m, 'metadata', 'labels'), LABELS.controlPlane) === undefined) continue;
    const date = str(at(m, 'status', 'certificatesExpiryDate'));
    if (date && !Number.isNaN(Date.parse(date)) && (!certificatesExpiry || Date.parse(date) < Date.parse(certificatesExpiry.date))) certificatesExpiry = { date, machine: nameOf(m) };
  }
  const addons = (related.addons.get(key) ?? []).map(addon).sort((a, b) => a.name.localeCompare(b.name));
  // util/secret/consts.go v1.14.0: the kubeconfig Secret is `<cluster>-kubeconfig`.
  const kubeconfigSecret = related.secrets.has(`${ns}/${name}-kubeconfig`);
  const infrastructure = str(at(c, 'spec', 'infrastructureRef', 'kind'));
  const clusterClass = str(at(c, 'spec', 'topology', 'classRef', 'name'));
  const phase = str(at(c, 'status', 'phase'));
  return {
    context, namespace: ns, name, state: state(c, conditions, controlPlane, topology),
    ...(phase ? { phase } : {}), ...(infrastructure ? { infrastructure } : {}), ...(clusterClass ? { clusterClass } : {}),
    conditions, controlPlane, pools, unhealthyMachines, addons, kubeconfigSecret,
    ...(certificatesExpiry ? { certificatesExpiry } : {}),
  };
}

interface Related {
  readonly byName: Map<string, Obj>;
  readonly deployments: Map<string, Obj[]>;
  readonly machinePools: Map<string, Obj[]>;
  readonly machines: Map<string, Obj[]>;
  readonly addons: Map<string, Obj[]>;
  readonly secrets: Set<string>;
}

function related(idx: Indexed): Related {
  const byName = new Map<string, Obj>();
  for (const [kind, list] of idx.byKind) for (const o of list) byName.set(`${kind}|${nsOf(o)}/${nameOf(o)}`, o);
  return {
    byName,
    deployments: byCluster(idx.byKind.get('MachineDeployment'), (o) => at(o, 'spec', 'clusterName')),
    machinePools: byCluster(idx.byKind.get('MachinePool'), (o) => at(o, 'spec', 'clusterName')),
    machines: byCluster(idx.byKind.get('Machine'), (o) => at(o, 'spec', 'clusterName')),
    addons: byCluster(idx.byKind.get('HelmReleaseProxy'), (o) => at(o, 'spec', 'clusterRef', 'name')),
    secrets: new Set((idx.byKind.get('Secret') ?? []).map((s) => `${nsOf(s)}/${nameOf(s)}`)),
  };
}

/** The provider kinds of cluster-api-operator v0.28.0 (api/v1alpha2). */
const OPERATOR_KINDS = new Set(['CoreProvider', 'BootstrapProvider', 'ControlPlaneProvider', 'InfrastructureProvider', 'AddonProvider', 'IPAMProvider', 'RuntimeExtensionProvider']);

/** The image tag of the CAPI core controller (config/manager of cluster-api: Deployment labelled `cluster.x-k8s.io/provider: cluster-api`). */
function controllerImageVersion(idx: Indexed): StatusCapiVersion | undefined {
  for (const d of idx.byKind.get('Deployment') ?? []) {
    if (strMap(at(d, 'metadata', 'labels'), 'cluster.x-k8s.io/provider') !== 'cluster-api') continue;
    const containers = at(d, 'spec', 'template', 'spec', 'containers');
    for (const c of Array.isArray(containers) ? containers : []) {
      const image = str(rec(c)?.image);
      const tag = image && /:([^:/@]+)(@.*)?$/.exec(image)?.[1];
      if (tag && parseVersion(tag)) return { version: tag, source: `image of Deployment ${nsOf(d)}/${nameOf(d)}` };
    }
  }
  return undefined;
}

function management(input: StatusInput, idx: Indexed, options: FleetStatusOptions): StatusManagement {
  const context = input.context ?? 'management';
  const providers: StatusProvider[] = [];
  for (const [kind, list] of idx.byKind) {
    if (!OPERATOR_KINDS.has(kind)) continue;
    for (const p of list) {
      if (!groupOf(String(p.apiVersion ?? '')).startsWith('operator.cluster.x-k8s.io')) continue;
      const conditions = allConditions(p);
      const version = str(at(p, 'spec', 'version'));
      const installedVersion = str(at(p, 'status', 'installedVersion'));
      providers.push({
        kind, namespace: nsOf(p), name: nameOf(p), ...(version ? { version } : {}), ...(installedVersion ? { installedVersion } : {}),
        // A provider that reports no condition yet has not been reconciled.
        healthy: conditions.length > 0 && conditions.every((c) => c.good), conditions: conditions.filter((c) => !c.good),
      });
    }
  }
  providers.sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const notes: string[] = [...(input.notes ?? [])];
  const core = providers.find((p) => p.kind === 'CoreProvider' && (p.installedVersion ?? p.version));
  let capiVersion: StatusCapiVersion | undefined = core ? { version: (core.installedVersion ?? core.version)!, source: `CoreProvider ${core.namespace}/${core.name}` } : controllerImageVersion(idx);
  if (!capiVersion && options.capiVersion) capiVersion = { version: options.capiVersion, source: '--capi-version' };
  const supportedVersions = capiVersion ? workloadKubernetesWindow(capiVersion.version) : undefined;
  if (!capiVersion) notes.push('the Cluster API version is unknown (no cluster-api-operator CoreProvider, no readable controller Deployment): pass --capi-version to check the supported versions');
  else if (!supportedVersions) notes.push(`the supported Kubernetes versions of Cluster API ${capiVersion.version} are not known to this version of capi-constructs`);
  return { context, ...(capiVersion ? { capiVersion } : {}), ...(supportedVersions ? { supportedVersions } : {}), providers, notes };
}

const minorOf = (v: string | undefined) => {
  const p = parseVersion(v);
  return p ? formatMinor(p) : undefined;
};

/** The display id of a cluster: `namespace/name`, with the context in front when several were read. */
export function statusClusterId(c: Pick<StatusCluster, 'context' | 'namespace' | 'name'>, withContext: boolean): string {
  return withContext ? `${c.context}:${c.namespace}/${c.name}` : `${c.namespace}/${c.name}`;
}

function summarize(clusters: StatusCluster[], managementClusters: StatusManagement[], withDrift: boolean, missing: string[]): StatusSummary {
  const multi = managementClusters.length > 1;
  const id = (c: StatusCluster) => statusClusterId(c, multi);
  const states = STATUS_CLUSTER_STATES.map((s) => ({ state: s, count: clusters.filter((c) => c.state === s).length }));
  const versions = new Map<string, number>();
  const lagging: Array<StatusSummary['lagging'][number]> = [];
  const outsideWindow: Array<StatusSummary['outsideWindow'][number]> = [];
  for (const c of clusters) {
    const running = c.controlPlane.version ?? c.controlPlane.desiredVersion;
    const minor = minorOf(running);
    if (minor) versions.set(minor, (versions.get(minor) ?? 0) + 1);
    const cp = parseVersion(running);
    for (const p of c.pools) {
      const pv = parseVersion(p.version);
      if (cp && pv && compareVersions(pv, cp) < 0) lagging.push({ cluster: id(c), pool: p.name, version: p.version!, controlPlane: running! });
    }
    const window = managementClusters.find((m) => m.context === c.context)?.supportedVersions;
    if (cp && window && !isInWindow(cp, window)) outsideWindow.push({ cluster: id(c), version: running!, window: `${window.oldest}-${window.newest}` });
  }
  const controlPlaneVersions = [...versions].map(([version, count]) => ({ version, count }))
    .sort((a, b) => b.count - a.count || compareVersions(parseVersion(b.version)!, parseVersion(a.version)!));
  const unavailable = clusters.filter((c) => c.conditions.find((x) => x.type === 'Available')?.status !== 'True').map(id);
  return {
    clusters: clusters.length, states, controlPlaneVersions, lagging, outsideWindow, unavailable,
    ...(withDrift ? {
      drift: {
        drifted: clusters.filter((c) => c.drift?.inDesired && c.drift.changes.length > 0).map(id),
        missing,
        notDesired: clusters.filter((c) => c.drift && !c.drift.inDesired).map(id),
      },
    } : {}),
  };
}

function selected(c: StatusCluster, wanted: readonly string[] | undefined): boolean {
  return !wanted || wanted.length === 0 || wanted.includes(c.name) || wanted.includes(`${c.namespace}/${c.name}`);
}

/**
 * The status of every cluster of `inputs` (one per management cluster), the management clusters'
 * Cluster API version and provider health, and the fleet summary.
 */
export function fleetStatus(inputs: readonly StatusInput[], options: FleetStatusOptions = {}): FleetStatus {
  const managementClusters: StatusManagement[] = [];
  const clusters: StatusCluster[] = [];
  const missing = new Set<string>();
  const desiredIds = new Set<string>();
  // A plan cluster whose Cluster would be deleted exists only live: it is not in the desired manifests.
  const onlyLive = (c: Plan['clusters'][number]) => c.changes.some((ch) => ch.kind === 'Cluster' && ch.name === c.cluster && ch.action === 'deleted');
  for (const p of options.drift ?? []) for (const c of p.plan.clusters) if (!onlyLive(c)) desiredIds.add(`${c.namespace}/${c.cluster}`);
  const foundIds = new Set<string>();
  for (const input of inputs) {
    const idx = index(input.objects);
    const m = management(input, idx, options);
    managementClusters.push(m);
    const rel = related(idx);
    const plan = options.drift?.find((d) => d.context === m.context)?.plan;
    for (const c of idx.byKind.get('Cluster') ?? []) {
      if (groupOf(String(c.apiVersion ?? '')) !== 'cluster.x-k8s.io') continue;
      let status = clusterStatus(m.context, c, rel);
      if (!selected(status, options.clusters)) continue;
      if (options.drift) {
        const found = plan?.clusters.find((p) => p.namespace === status.namespace && p.cluster === status.name);
        const planned = found && !onlyLive(found) ? found : undefined;
        status = { ...status, drift: { inDesired: !!planned, changes: planned?.changes ?? [] } };
        if (planned) foundIds.add(`${status.namespace}/${status.name}`);
      }
      clusters.push(status);
    }
  }
  for (const id of desiredIds) {
    const [ns, name] = id.split('/');
    if (!foundIds.has(id) && selected({ context: '', namespace: ns, name } as StatusCluster, options.clusters)) missing.add(id);
  }
  clusters.sort((a, b) => a.context.localeCompare(b.context) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return { summary: summarize(clusters, managementClusters, !!options.drift, [...missing].sort()), management: managementClusters, clusters };
}

/** True when every cluster of `status` is Available (for `--fail-on unavailable`). */
export function allAvailable(status: FleetStatus): boolean {
  return status.summary.unavailable.length === 0;
}
