/**
 * Reads the management cluster with `@kubernetes/client-node` 0.22 (an optional peer dependency,
 * loaded only here), for `plan --live` and `status`: one session (timeouts, an overall deadline,
 * no redirects, paged lists with guards against endless paging and malformed responses) and two
 * readers. `readLiveManifests` reads the before side of a plan: it lists the CAPI kinds of the
 * desired manifests in their namespaces, gets the other desired custom objects and namespaces by
 * name, and keeps what belongs to the desired clusters (comparison, only the desired paths:
 * `planChanges(live, desired, { beforeIsLive: true })`). `readManagementObjects` reads what
 * `fleetStatus` needs, each kind once per namespace scope.
 */
import type * as k8s from '@kubernetes/client-node';
import { clusterId, indexSide, objectKey } from '../plan/objects';
import { PlanInputError, PlanManifest } from '../plan/types';
import { groupOf, LABELS } from '../capi';
import type { StatusInput } from '../status/types';

export interface LiveReadOptions {
  /** Path of a kubeconfig file. @default - `$KUBECONFIG`, then `~/.kube/config`, then in-cluster */
  readonly kubeconfig?: string;
  /** Context to use. @default - the kubeconfig's current context */
  readonly context?: string;
  /** Page size of list calls. @default 500 */
  readonly pageSize?: number;
  /** Longest wait for one response, in milliseconds. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** Longest the whole read may take, in milliseconds. @default 300000 (5 minutes) */
  readonly deadlineMs?: number;
  /** Most pages one list may have (a server that never stops paging is an error). @default 10000 */
  readonly maxPages?: number;
}

export const LIVE_READ_DEFAULTS = { requestTimeoutMs: 30_000, deadlineMs: 300_000, maxPages: 10_000 } as const;

export interface LiveReadResult {
  /** Live objects of the desired clusters, plus the live versions of other desired objects. */
  readonly objects: PlanManifest[];
  /** Desired objects the reader cannot read (core kinds other than Namespace): leave them out of the plan. */
  readonly unread: PlanManifest[];
}

/** Kinds always listed, so that objects missing from the desired side show up as deletions. */
const CAPI_KINDS: ReadonlyArray<[group: string, kind: string]> = [
  ['cluster.x-k8s.io', 'Cluster'],
  ['cluster.x-k8s.io', 'MachineDeployment'],
  ['cluster.x-k8s.io', 'MachineHealthCheck'],
  ['controlplane.cluster.x-k8s.io', 'KubeadmControlPlane'],
  ['bootstrap.cluster.x-k8s.io', 'KubeadmConfigTemplate'],
];
const DEFAULT_VERSION = 'v1beta2';

/** The resource name of a kind (CAPI and CAPA kinds follow the regular English plural). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

function loadClient(): typeof k8s {
  try {
     
    return require('@kubernetes/client-node') as typeof k8s;
  } catch {
    throw new PlanInputError('reading the management cluster (plan --live, status) needs the optional peer dependency @kubernetes/client-node 0.22.x: npm install @kubernetes/client-node@0.22');
  }
}

function statusOf(e: unknown): number | undefined {
  const err = e as { statusCode?: number; response?: { statusCode?: number } };
  return err.statusCode ?? err.response?.statusCode;
}

function describe(e: unknown, what: string): PlanInputError {
  const status = statusOf(e);
  const body = (e as { body?: { message?: string } }).body;
  const detail = body?.message ?? (e as Error).message ?? String(e);
  return new PlanInputError(`reading ${what} from the management cluster failed${status ? ` (HTTP ${status})` : ''}: ${detail}`);
}

/** `undefined` for 404 (not there, or the CRD is not installed), the body otherwise. */
async function orAbsent<T>(call: () => Promise<{ body: T }>, what: string): Promise<T | undefined> {
  try {
    return (await call()).body;
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw describe(e, what);
  }
}

/** The KubeConfig for `options`, with the chosen context. */
export function loadKubeConfig(options: LiveReadOptions = {}): k8s.KubeConfig {
  const { KubeConfig } = loadClient();
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new PlanInputError(`cannot load kubeconfig ${options.kubeconfig ?? '(default)'}: ${(e as Error).message}`);
  }
  if (options.context) {
    if (!kc.getContexts().some((c) => c.name === options.context)) {
      throw new PlanInputError(`context "${options.context}" is not in the kubeconfig (it has: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentCluster()) throw new PlanInputError('the kubeconfig has no current context or cluster');
  return kc;
}

/**
 * Every request: a timeout, and no redirects followed, so that the credentials (a bearer token,
 * a client certificate) never go to another origin than the kubeconfig's server.
 */
function guard(api: { addInterceptor(i: (o: Record<string, unknown>) => void): void }, timeoutMs: number): void {
  api.addInterceptor((o) => {
    o.timeout = timeoutMs;
    o.followRedirect = false;
    o.followAllRedirects = false;
  });
}

/** The items of a list response, or a clean error for anything that is not a Kubernetes list. */
function itemsOf(body: unknown, what: string): Record<string, unknown>[] {
  if (body === undefined) return [];
  const items = (body as { items?: unknown } | null)?.items;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !Array.isArray(items)) {
    throw new PlanInputError(`reading ${what} from the management cluster failed: the response is not a Kubernetes list (${typeof body === 'string' ? 'not JSON' : 'no items list'})`);
  }
  for (const item of items) {
    const name = (item as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    if (item === null || typeof item !== 'object' || Array.isArray(item) || typeof name !== 'string') {
      throw new PlanInputError(`reading ${what} from the management cluster failed: the list holds an item that is not an object with a metadata.name`);
    }
  }
  return items as Record<string, unknown>[];
}

/** A connection to one management cluster: the API clients, each call within the deadline, paged lists with guards. */
interface LiveSession {
  readonly client: typeof k8s;
  readonly kc: k8s.KubeConfig;
  readonly custom: k8s.CustomObjectsApi;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  /** One call, within the overall deadline; `undefined` for 404. */
  call<T>(make: () => Promise<{ body: T }>, what: string): Promise<T | undefined>;
  /** Every item of a list, page by page (`page(token)` asks for one page); `undefined` for 404. */
  listAll(page: (token: string | undefined) => Promise<{ body: unknown }>, what: string): Promise<Record<string, unknown>[] | undefined>;
}

function openSession(options: LiveReadOptions): LiveSession {
  const client = loadClient();
  const kc = loadKubeConfig(options);
  const custom = kc.makeApiClient(client.CustomObjectsApi);
  const core = kc.makeApiClient(client.CoreV1Api);
  const apps = kc.makeApiClient(client.AppsV1Api);
  const timeoutMs = options.requestTimeoutMs ?? LIVE_READ_DEFAULTS.requestTimeoutMs;
  const deadlineMs = options.deadlineMs ?? LIVE_READ_DEFAULTS.deadlineMs;
  const maxPages = options.maxPages ?? LIVE_READ_DEFAULTS.maxPages;
  for (const api of [custom, core, apps]) guard(api as never, timeoutMs);
  const deadline = Date.now() + deadlineMs;
  const call = async <T>(make: () => Promise<{ body: T }>, what: string): Promise<T | undefined> => {
    const left = deadline - Date.now();
    if (left <= 0) throw new PlanInputError(`reading the management cluster took longer than ${deadlineMs} ms (at ${what}); raise the deadline or check the connection`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PlanInputError(`reading the management cluster took longer than ${deadlineMs} ms (at ${what}); raise the deadline or check the connection`)), left);
    });
    try {
      return await Promise.race([orAbsent(make, what), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const listAll = async (page: (token: string | undefined) => Promise<{ body: unknown }>, what: string): Promise<Record<string, unknown>[] | undefined> => {
    const items: Record<string, unknown>[] = [];
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const body = (await call(() => page(token), what)) as { items?: unknown; metadata?: { continue?: unknown } } | undefined;
      if (body === undefined) return undefined;
      for (const item of itemsOf(body, what)) items.push(item);
      // The typed core clients (Secrets, Deployments) deserialize `continue` as `_continue`.
      const meta = body?.metadata as { continue?: unknown; _continue?: unknown } | undefined;
      const next = meta?.continue ?? meta?._continue;
      token = typeof next === 'string' && next !== '' ? next : undefined;
      // A server that repeats a continue token, or never stops, would page forever.
      if (token !== undefined && (tokens.has(token) || tokens.size + 1 >= maxPages)) {
        throw new PlanInputError(`reading ${what} from the management cluster failed: ${tokens.has(token) ? 'the server repeated a continue token' : `the list did not end after ${maxPages} pages`}`);
      }
      if (token !== undefined) tokens.add(token);
    } while (token);
    return items;
  };
  return { client, kc, custom, core, apps, call, listAll };
}

/** Reads the live counterparts of `desired` (see the module comment). */
export async function readLiveManifests(desired: readonly PlanManifest[], options: LiveReadOptions = {}): Promise<LiveReadResult> {
  const { custom, core, call, listAll } = openSession(options);

  const versionOf = new Map<string, string>(); // group|kind -> version the desired side uses
  for (const m of desired) versionOf.set(`${groupOf(m.apiVersion)}|${m.kind}`, m.apiVersion.split('/')[1]);
  const namespaces = [...new Set(desired.map((m) => m.metadata.namespace).filter((n): n is string => !!n))].sort();
  const listed = new Map<string, [string, string]>();
  for (const [group, kind] of CAPI_KINDS) listed.set(`${group}|${kind}`, [group, kind]);
  for (const m of desired) {
    const group = groupOf(m.apiVersion);
    if (m.metadata.namespace && group.endsWith('cluster.x-k8s.io')) listed.set(`${group}|${m.kind}`, [group, m.kind]);
  }

  const objects: PlanManifest[] = [];
  for (const namespace of namespaces) {
    for (const [key, [group, kind]] of [...listed].sort()) {
      const version = versionOf.get(key) ?? DEFAULT_VERSION;
      const what = `${kind} in namespace ${namespace}`;
      const items = await listAll(
        (token) => custom.listNamespacedCustomObject(group, version, namespace, pluralOf(kind), undefined, undefined, token, undefined, undefined, options.pageSize ?? 500),
        what,
      );
      for (const item of items ?? []) objects.push({ apiVersion: `${group}/${version}`, kind, ...item } as PlanManifest);
    }
  }

  const unread: PlanManifest[] = [];
  const seen = new Set(objects.map(objectKey));
  for (const m of desired) {
    const group = groupOf(m.apiVersion);
    const { name, namespace } = m.metadata;
    if (seen.has(objectKey(m))) continue;
    let body: unknown;
    if (group === '' && m.kind === 'Namespace') {
      body = await call(() => core.readNamespace(name), `Namespace ${name}`);
    } else if (group.includes('.') && !listed.has(`${group}|${m.kind}`)) {
      const [, version] = m.apiVersion.split('/');
      body = namespace
        ? await call(() => custom.getNamespacedCustomObject(group, version, namespace, pluralOf(m.kind), name), `${m.kind} ${namespace}/${name}`)
        : await call(() => custom.getClusterCustomObject(group, version, pluralOf(m.kind), name), `${m.kind} ${name}`);
    } else if (!listed.has(`${group}|${m.kind}`)) {
      unread.push(m);
      continue;
    }
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw new PlanInputError(`reading ${m.kind} ${name} from the management cluster failed: the response is not a Kubernetes object`);
    }
    if (body) objects.push({ apiVersion: m.apiVersion, kind: m.kind, ...(body as object) } as PlanManifest);
  }
  return { objects: ofDesiredClusters(objects, desired), unread };
}

/** Live objects that belong to a desired cluster or are themselves desired (a namespace holds others' clusters too). */
function ofDesiredClusters(live: PlanManifest[], desired: readonly PlanManifest[]): PlanManifest[] {
  const want = indexSide(desired, 'desired');
  const wanted = new Set([...want.clusters.values()].flat());
  for (const m of desired) {
    if (m.kind === 'Cluster' && groupOf(m.apiVersion) === 'cluster.x-k8s.io') wanted.add(clusterId(m.metadata.namespace ?? '', m.metadata.name));
  }
  const side = indexSide(live, 'live');
  return live.filter((m) => want.objects.has(objectKey(m)) || (side.clusters.get(objectKey(m)) ?? []).some((c) => wanted.has(c)));
}

export interface ManagementReadOptions extends LiveReadOptions {
  /** Read only this namespace. @default - the context's namespace, else `default` */
  readonly namespace?: string;
  /** Read every namespace (cluster-wide lists). @default false */
  readonly allNamespaces?: boolean;
}

/** What `readManagementObjects` read: `fleetStatus`'s input for one management cluster. */
export interface ManagementReadResult extends StatusInput {
  readonly context: string;
  /** The namespace read, or `*` for all. */
  readonly scope: string;
  readonly objects: PlanManifest[];
  readonly notes: string[];
}

/**
 * The workload-cluster kinds `status` reads, each listed once per namespace scope (never per
 * cluster): a management cluster with 1000 clusters costs one list (and its pages) per kind.
 * Versions: Cluster API v1.14.0 serves v1beta2; CAAPH v0.6.4 serves v1alpha1 only
 * (addons.cluster.x-k8s.io_helmreleaseproxies.yaml).
 */
const STATUS_KINDS: ReadonlyArray<[group: string, version: string, kind: string]> = [
  ['cluster.x-k8s.io', 'v1beta2', 'Cluster'],
  ['controlplane.cluster.x-k8s.io', 'v1beta2', 'KubeadmControlPlane'],
  ['cluster.x-k8s.io', 'v1beta2', 'MachineDeployment'],
  ['cluster.x-k8s.io', 'v1beta2', 'MachinePool'],
  ['cluster.x-k8s.io', 'v1beta2', 'Machine'],
  ['addons.cluster.x-k8s.io', 'v1alpha1', 'HelmReleaseProxy'],
];

/** cluster-api-operator v0.28.0 provider kinds (api/v1alpha2), read cluster-wide: providers live in their own namespaces. */
const OPERATOR_PROVIDER_KINDS = ['CoreProvider', 'InfrastructureProvider', 'BootstrapProvider', 'ControlPlaneProvider', 'AddonProvider', 'IPAMProvider', 'RuntimeExtensionProvider'];

/**
 * Secrets are listed as metadata only (PartialObjectMetadataList, as `kubectl get secrets
 * -o name` asks for them): the server never sends their data.
 */
export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/**
 * Reads what `fleetStatus` needs from one management cluster: the kinds above in the namespace
 * scope, the Secrets of clusters (metadata only, `cluster.x-k8s.io/cluster-name` labelled), the
 * cluster-api-operator providers and the CAPI controller Deployment. The last two are optional:
 * not installed (404) or not allowed (403) is a note, not an error.
 */
export async function readManagementObjects(options: ManagementReadOptions = {}): Promise<ManagementReadResult> {
  const session = openSession(options);
  const { custom, core, apps, kc, listAll } = session;
  const context = kc.getCurrentContext();
  const namespace = options.allNamespaces ? undefined : (options.namespace ?? kc.getContextObject(context)?.namespace ?? 'default');
  const scope = namespace ?? '*';
  const where = namespace ? `in namespace ${namespace}` : 'in all namespaces';
  const limit = options.pageSize ?? 500;
  const notes: string[] = [];
  const optional = async (read: () => Promise<Record<string, unknown>[] | undefined>, what: string) => {
    try {
      return (await read()) ?? [];
    } catch (e) {
      if (e instanceof PlanInputError && / \(HTTP 403\)/.test(e.message)) {
        notes.push(`${what}: not allowed to read (HTTP 403)`);
        return [];
      }
      throw e;
    }
  };
  const typed = (apiVersion: string, kind: string) => (items: Record<string, unknown>[] | undefined) =>
    (items ?? []).map((item) => ({ ...item, apiVersion, kind }) as PlanManifest);

  const reads: Array<Promise<PlanManifest[]>> = STATUS_KINDS.map(([group, version, kind]) => {
    const plural = pluralOf(kind);
    const what = `${kind} ${where}`;
    return listAll((token) => (namespace
      ? custom.listNamespacedCustomObject(group, version, namespace, plural, undefined, undefined, token, undefined, undefined, limit)
      : custom.listClusterCustomObject(group, version, plural, undefined, undefined, token, undefined, undefined, limit)), what).then((items) => {
      // 404: the CRD is not installed; for Clusters that means this is no management cluster (or an older CAPI).
      if (items === undefined && kind === 'Cluster') notes.push(`${group}/${version} Clusters are not served: no Cluster API v1.11+ on this cluster`);
      return typed(`${group}/${version}`, kind)(items);
    });
  });
  const headers = { headers: { Accept: METADATA_ONLY_ACCEPT } };
  reads.push(listAll((token) => (namespace
    ? core.listNamespacedSecret(namespace, undefined, undefined, token, undefined, LABELS.clusterName, limit, undefined, undefined, undefined, undefined, undefined, headers)
    : core.listSecretForAllNamespaces(undefined, token, undefined, LABELS.clusterName, limit, undefined, undefined, undefined, undefined, undefined, undefined, headers)), `Secret metadata ${where}`)
    // Only the metadata that says which Secrets exist is kept, whatever the server sent.
    .then((items) => (items ?? []).map((s) => {
      const m = s.metadata as { name: string; namespace?: unknown; labels?: unknown };
      return { apiVersion: 'v1', kind: 'Secret', metadata: { name: m.name, ...(typeof m.namespace === 'string' ? { namespace: m.namespace } : {}), ...(m.labels && typeof m.labels === 'object' ? { labels: m.labels as Record<string, string> } : {}) } } as PlanManifest;
    })));
  for (const kind of OPERATOR_PROVIDER_KINDS) {
    const what = `${kind} (cluster-api-operator)`;
    reads.push(optional(() => listAll((token) => custom.listClusterCustomObject('operator.cluster.x-k8s.io', 'v1alpha2', pluralOf(kind), undefined, undefined, token, undefined, undefined, limit), what), what)
      .then(typed('operator.cluster.x-k8s.io/v1alpha2', kind)));
  }
  // cluster-api v1.14.0 config/default: every object of the core provider carries `cluster.x-k8s.io/provider: cluster-api`.
  const controller = 'the Cluster API controller Deployment';
  reads.push(optional(() => listAll((token) => apps.listDeploymentForAllNamespaces(undefined, token, undefined, 'cluster.x-k8s.io/provider=cluster-api', limit), controller), controller)
    .then(typed('apps/v1', 'Deployment')));
  const objects = (await Promise.all(reads)).flat();
  return { context, scope, objects, notes };
}
