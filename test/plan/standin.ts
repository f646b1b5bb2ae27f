/**
 * A local stand-in for the Kubernetes API server: serves the list and get endpoints that the live
 * reader calls, with realistic bodies (List envelopes, server metadata, status, 404 Status
 * objects, `limit`/`continue` paging). Listens on 127.0.0.1 on a random port, closes itself after
 * `lifetimeMs` at the latest.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { PlanManifest } from '../../lib/plan/types';
import { base, edit, get, rotate } from './fixtures';

/** Resource names as the CRDs declare them (not derived by the code under test). */
const PLURALS: Record<string, string> = {
  Cluster: 'clusters',
  AWSCluster: 'awsclusters',
  AWSClusterStaticIdentity: 'awsclusterstaticidentities',
  AWSMachineTemplate: 'awsmachinetemplates',
  AzureCluster: 'azureclusters',
  AzureClusterIdentity: 'azureclusteridentities',
  AzureMachineTemplate: 'azuremachinetemplates',
  KubeadmControlPlane: 'kubeadmcontrolplanes',
  KubeadmConfigTemplate: 'kubeadmconfigtemplates',
  MachineDeployment: 'machinedeployments',
  MachineHealthCheck: 'machinehealthchecks',
};

export interface StandIn {
  readonly kubeconfig: string;
  /** Every request: method, path with query, Authorization header. */
  readonly requests: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Folder for the kubeconfig file. */
  readonly dir: string;
  /** Answer every request with this status (e.g. 403) instead. */
  readonly failWith?: number;
  /** Answer a request with this instead of the regular answer (a raw body, a redirect), or never answer it ('hang'). */
  readonly override?: (url: URL) => { code: number; body: string; headers?: Record<string, string> } | 'hang' | undefined;
  readonly lifetimeMs?: number;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export async function startStandIn(objects: PlanManifest[], options: StandInOptions): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
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
    if (options.failWith) return send(options.failWith, status(options.failWith, 'Forbidden', 'clusters.cluster.x-k8s.io is forbidden: User "ci" cannot list resource'));
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', 'read only'));
    const parts = url.pathname.split('/').filter(Boolean);
    let group: string, version: string, namespace: string | undefined, plural: string, name: string | undefined;
    if (parts[0] === 'api' && parts[1] === 'v1' && parts[2] === 'namespaces' && parts.length === 4) {
      [group, version, plural, name] = ['', 'v1', 'namespaces', parts[3]];
    } else if (parts[0] === 'apis' && parts[3] === 'namespaces' && (parts.length === 6 || parts.length === 7)) {
      [group, version, namespace, plural, name] = [parts[1], parts[2], parts[4], parts[5], parts[6]];
    } else if (parts[0] === 'apis' && parts.length === 5) {
      [group, version, plural, name] = [parts[1], parts[2], parts[3], parts[4]];
    } else {
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const kind = plural === 'namespaces' ? 'Namespace' : Object.keys(PLURALS).find((k) => PLURALS[k] === plural);
    if (!kind || (plural !== 'namespaces' && !objects.some((o) => groupOf(o.apiVersion) === group && o.kind === kind))) {
      // No such CRD installed.
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const matching = objects
      .filter((o) => o.kind === kind && groupOf(o.apiVersion) === group && o.metadata.namespace === namespace)
      .map((o) => ({ ...o, apiVersion: group ? `${group}/${version}` : version }));
    if (name !== undefined) {
      const found = matching.find((o) => o.metadata.name === name);
      return found ? send(200, found) : send(404, status(404, 'NotFound', `${plural} "${name}" not found`));
    }
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const offset = Number(Buffer.from(url.searchParams.get('continue') ?? '', 'base64').toString() || '0');
    const page = limit ? matching.slice(offset, offset + limit) : matching;
    const next = limit && offset + limit < matching.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    return send(200, {
      apiVersion: `${group}/${version}`,
      kind: `${kind}List`,
      metadata: { resourceVersion: '98765', ...(next ? { continue: next } : {}) },
      items: page,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => server.close(), options.lifetimeMs ?? 30000);
  timer.unref();
  const kubeconfig = path.join(options.dir, 'kubeconfig.yaml');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: standin\n  cluster:\n    server: http://127.0.0.1:${port}`,
      '- name: elsewhere\n  cluster:\n    server: http://127.0.0.1:9',
      'users:',
      '- name: ci\n  user:\n    token: standin-token',
      'contexts:',
      '- name: management\n  context:\n    cluster: standin\n    user: ci',
      '- name: other\n  context:\n    cluster: elsewhere\n    user: ci',
      'current-context: other',
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `m` as the API server returns it: server metadata, status, and `defaults` merged into spec. */
export function asServed(m: PlanManifest, defaults: Record<string, unknown> = {}): PlanManifest {
  const copy = structuredClone(m) as PlanManifest & { spec?: Record<string, unknown> };
  return {
    ...copy,
    metadata: {
      ...copy.metadata,
      uid: `0b7c5d9e-${copy.metadata.name.length}`,
      resourceVersion: '4242',
      generation: 2,
      creationTimestamp: '2025-11-01T10:00:00Z',
      managedFields: [{ manager: 'kustomize-controller', operation: 'Apply', apiVersion: copy.apiVersion }],
      ...(copy.metadata.annotations || m.kind === 'Cluster'
        ? { annotations: { ...copy.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }
        : {}),
    },
    ...(copy.spec ? { spec: { ...copy.spec, ...defaults } } : {}),
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-11-01T10:05:00Z' }] },
  } as PlanManifest;
}

/** What the management cluster holds: the base cluster as served, plus leftovers and a neighbour. */
export function liveObjects(): PlanManifest[] {
  const served = base().map((m) => {
    switch (m.kind) {
      case 'Cluster':
        return asServed(m, { controlPlaneEndpoint: { host: 'prod-apiserver-123.elb.eu-west-1.amazonaws.com', port: 6443 } });
      case 'MachineDeployment':
        // The autoscaler's current count (batch is autoscaled), a defaulted field the desired side does not set.
        return asServed(m, { replicas: m.metadata.name === 'prod-batch' ? 4 : 3, deletion: { order: 'Random' } });
      case 'AWSCluster':
        return asServed(m, { network: { vpc: { id: 'vpc-0a1b2c3d4e5f60718', cidrBlock: '10.0.0.0/16' }, subnets: [{ id: 'subnet-1', isPublic: true }] } });
      default:
        return asServed(m);
    }
  });
  const superseded = asServed({ ...structuredClone(get(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b')), metadata: { ...get(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b').metadata, name: 'prod-general-00c0ffee' } } as PlanManifest);
  // Another cluster in the same namespace, made with clusterctl (no capi-constructs labels).
  const neighbour = [
    asServed({ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'legacy', namespace: 'fleet' }, spec: { controlPlaneRef: { apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', name: 'legacy-cp' } } }),
    asServed({ apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', kind: 'KubeadmControlPlane', metadata: { name: 'legacy-cp', namespace: 'fleet' }, spec: { replicas: 1, version: 'v1.32.1' } }),
  ];
  return [...served, superseded, ...neighbour];
}

/** The desired manifests: the control plane upgraded one minor with a rotated template. */
export function desiredObjects(): PlanManifest[] {
  const rotated = rotate(base(), 'AWSMachineTemplate', 'prod-control-plane-1f2e3d4c', 'prod-control-plane-5b6a7988', (m) => {
    m.spec.template.spec.ami.id = 'ami-0ffeeffeeffeeffee';
  });
  return edit(rotated, 'KubeadmControlPlane', 'prod-control-plane', (m) => (m.spec.version = 'v1.34.1'));
}
