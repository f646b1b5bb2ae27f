/**
 * A local stand-in for the Kubernetes API server, for `status` and `plan --live`: the list and
 * get endpoints of core (`/api/v1`) and group (`/apis/G/V`) resources, namespaced and
 * cluster-wide, with List envelopes, `limit`/`continue` paging, `labelSelector` (`key`,
 * `key=value`), 404 Status objects for kinds whose CRD is not installed, and metadata-only
 * lists (`Accept: ...;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`) as the API server answers
 * them. Listens on 127.0.0.1 on a random port, closes itself after `lifetimeMs` at the latest.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';

export interface ServedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** Resource names as the CRDs and the core API declare them (not derived by the code under test). */
const PLURALS: Record<string, string> = {
  Cluster: 'clusters', KubeadmControlPlane: 'kubeadmcontrolplanes', MachineDeployment: 'machinedeployments', MachinePool: 'machinepools',
  Machine: 'machines', MachineHealthCheck: 'machinehealthchecks', KubeadmConfigTemplate: 'kubeadmconfigtemplates', HelmReleaseProxy: 'helmreleaseproxies',
  CoreProvider: 'coreproviders', InfrastructureProvider: 'infrastructureproviders', BootstrapProvider: 'bootstrapproviders',
  ControlPlaneProvider: 'controlplaneproviders', AddonProvider: 'addonproviders', IPAMProvider: 'ipamproviders', RuntimeExtensionProvider: 'runtimeextensionproviders',
  AWSCluster: 'awsclusters', AWSMachineTemplate: 'awsmachinetemplates', VSphereCluster: 'vsphereclusters', AzureCluster: 'azureclusters',
  Secret: 'secrets', Deployment: 'deployments', Namespace: 'namespaces',
};
/** Kinds the API server always serves (no CRD needed). */
const BUILT_IN = new Set(['|Secret', '|Namespace', 'apps|Deployment']);

export interface Request {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly accept?: string;
}

export interface ApiStandIn {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly requests: Request[];
  close(): Promise<void>;
}

export interface ApiStandInOptions {
  /** Kinds served even with no object (`group|Kind`): an installed CRD with an empty list. */
  readonly installed?: readonly string[];
  /** Answer a request with this instead (a raw body, a redirect), or never answer it ('hang'). */
  readonly override?: (url: URL) => { code: number; body: string | Buffer; headers?: Record<string, string> } | 'hang' | undefined;
  readonly lifetimeMs?: number;
  /** Send whole objects even when asked for metadata only (as a proxy that drops the Accept parameters might). @default false */
  readonly ignoreMetadataAccept?: boolean;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const statusBody = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

function matches(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return value === undefined ? labels?.[key] !== undefined : labels?.[key] === value;
  });
}

export async function startApiStandIn(objects: readonly ServedObject[], options: ApiStandInOptions = {}): Promise<ApiStandIn> {
  const requests: Request[] = [];
  // group|plural -> objects, built once: 1000 clusters' objects are served without rescanning.
  const byResource = new Map<string, ServedObject[]>();
  const installed = new Set([...BUILT_IN, ...(options.installed ?? [])]);
  for (const o of objects) {
    const key = `${groupOf(o.apiVersion)}|${PLURALS[o.kind]}`;
    byResource.set(key, [...(byResource.get(key) ?? []), o]);
    installed.add(`${groupOf(o.apiVersion)}|${o.kind}`);
  }
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, accept: req.headers.accept });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const special = options.override?.(url);
    if (special === 'hang') return undefined;
    if (special) {
      res.writeHead(special.code, { 'content-type': 'application/json', ...special.headers });
      return res.end(special.body);
    }
    if (req.method !== 'GET') return send(405, statusBody(405, 'MethodNotAllowed', 'read only'));
    const parts = url.pathname.split('/').filter(Boolean);
    const [group, version, rest] = parts[0] === 'api' ? ['', parts[1], parts.slice(2)] : parts[0] === 'apis' ? [parts[1], parts[2], parts.slice(3)] : ['', '', []];
    let namespace: string | undefined;
    let plural: string | undefined;
    let name: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, plural, name] = [rest[1], rest[2], rest[3]];
    else [plural, name] = [rest[0], rest[1]];
    const kind = Object.keys(PLURALS).find((k) => PLURALS[k] === plural);
    if (!version || !kind || !installed.has(`${group}|${kind}`) || rest.length > 4) return send(404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
    const all = (byResource.get(`${group}|${plural}`) ?? []).filter((o) => namespace === undefined || o.metadata.namespace === namespace);
    const served = (o: ServedObject) => ({ ...o, apiVersion: group ? `${group}/${version}` : version });
    if (name !== undefined) {
      const found = all.find((o) => o.metadata.name === name);
      return found ? send(200, served(found)) : send(404, statusBody(404, 'NotFound', `${plural} "${name}" not found`));
    }
    const matching = all.filter((o) => matches(o.metadata.labels, url.searchParams.get('labelSelector')));
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const offset = Number(Buffer.from(url.searchParams.get('continue') ?? '', 'base64').toString() || '0');
    const page = limit ? matching.slice(offset, offset + limit) : matching;
    const next = limit && offset + limit < matching.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    const metadata = { resourceVersion: '98765', ...(next ? { continue: next } : {}) };
    if (!options.ignoreMetadataAccept && (req.headers.accept ?? '').includes('as=PartialObjectMetadataList')) {
      return send(200, {
        kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata,
        items: page.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })),
      });
    }
    return send(200, { apiVersion: group ? `${group}/${version}` : version, kind: `${kind}List`, metadata, items: page.map(served) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => server.close(), options.lifetimeMs ?? 30000);
  timer.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Writes a kubeconfig with one context per server (user `ci`, a bearer token) and returns its path. */
export function writeKubeconfig(dir: string, contexts: ReadonlyArray<{ name: string; server: string; namespace?: string }>, current: string): string {
  const file = path.join(dir, 'kubeconfig.yaml');
  fs.writeFileSync(file, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...contexts.map((c) => `- name: ${c.name}\n  cluster:\n    server: ${c.server}`),
    'users:',
    '- name: ci\n  user:\n    token: standin-token',
    'contexts:',
    ...contexts.map((c) => `- name: ${c.name}\n  context:\n    cluster: ${c.name}\n    user: ci${c.namespace ? `\n    namespace: ${c.namespace}` : ''}`),
    `current-context: ${current}`,
    '',
  ].join('\n'));
  return file;
}
