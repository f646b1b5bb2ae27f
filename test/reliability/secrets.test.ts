/**
 * No secret value in plain text: every input that can carry a credential is fed a known secret
 * string, and the string must appear nowhere in synthesized YAML (core and cdk8s), in error
 * messages, or in any plain (non-secret) value Pulumi would send to the engine and store in the
 * state: resource inputs and component outputs, captured on the wire under mocks.
 *
 * Inputs that can carry a credential:
 * - kubeadm files: `contentFromSecret` (a reference; the content stays in a Secret),
 * - kubeadm users: `passwordFromSecret` (a reference); a plain `passwd`/`password` is refused,
 *   also when smuggled in through an override,
 * - CapaStaticIdentity: `accessKeyId`, `secretAccessKey`, `sessionToken`,
 * - CapaRoleIdentity: `externalId`,
 * - VSphereIdentity (Pulumi): the vCenter `username` and `password`,
 * - CapzClusterIdentity: `clientSecret` (the Azure service principal's password),
 * - ManagedCluster (Pulumi): the workload cluster's `kubeconfig`, read from CAPI's Secret.
 * - ManagementCluster (Pulumi): `secretVariables` (a provider's variables such as CAPA's
 *   `AWS_B64ENCODED_CREDENTIALS`), also when given as plain strings; in the spec (both engines)
 *   credentials are only references (an existing Secret, an ExternalSecret from a store).
 * - Add-ons: Helm `values` (a secret-looking key is refused: HelmChartProxy values are plain
 *   text) and manifests `content` (a Secret document is refused: a ConfigMap is plain text);
 *   the route for secrets is a management-cluster Secret referenced by `secrets`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { CapiValidationError, clusterAddonObjects, ManagedClusterSpec, renderManagedCluster, toYaml } from '../../lib';
import { ManagedCluster as Cdk8sManagedCluster } from '../../lib/cdk8s';

const SECRET = {
  fileContent: 'S3CR3T-file-content-7f3a9c',
  password: '$6$rounds=4096$S3CR3T-password-hash-91ab',
  accessKeyId: 'AKIAS3CR3TACCESSKEY77',
  secretAccessKey: 'wJalrS3CR3T/K7MDENG/bPxRfiCYSECRETKEY',
  sessionToken: 'FwoGZXIvS3CR3T-session-token//////',
  externalId: 'S3CR3T-external-id-4410',
  azureClientSecret: 'S3CR3T~azure-client-secret.Q8',
  kubeconfigToken: 'S3CR3T-kubeconfig-bearer-token-c0ffee',
  vcenterUser: 'S3CR3T-capv@vsphere.local',
  vcenterPassword: 'S3CR3T-vcenter-Passw0rd!',
  awsB64Credentials: 'W2RlZmF1bHRdUzNDUjNU-aws-b64-credentials',
};
const ALL_SECRETS = Object.values(SECRET);

/** Every secret string found in `text`. */
const leaks = (text: string): string[] => ALL_SECRETS.filter(s => text.includes(s));

// ---------------------------------------------------------------------------------------------
// Pulumi: mocks that capture what goes over the wire, installed before any module under test.

const SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: ${SECRET.kubeconfigToken}\n`;

interface WireMessage {
  readonly what: string;
  readonly payload: unknown;
}
const wire: WireMessage[] = [];

/** Paths of plain strings (outside any secret envelope) that contain a known secret. */
function plainLeaks(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return leaks(value).length > 0 ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainLeaks(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    if ((value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) return [];
    return Object.entries(value).flatMap(([k, v]) => [...(leaks(k).length ? [`${at}.${k} (key)`] : []), ...plainLeaks(v, `${at}.${k}`)]);
  }
  return [];
}

/** True when `value` holds a secret envelope somewhere (the secret went over the wire, wrapped). */
function hasEnvelope(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasEnvelope);
  if (value && typeof value === 'object') {
    return (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG || Object.values(value).some(hasEnvelope);
  }
  return false;
}

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource(args) {
      const state: Record<string, unknown> = { ...args.inputs };
      if (args.type === 'kubernetes:core/v1:Secret' && args.id) state.data = { value: Buffer.from(KUBECONFIG).toString('base64') };
      return { id: args.id || `${args.name}-id`, state };
    },
    call: () => ({}),
  }, 'secrets', 'test', false);
  // Wrap the mock monitor: record the serialized request of every registration, read and
  // component output, i.e. exactly what an engine would receive and write to the state.
  const monitor = pulumi.runtime.getMonitor() as any;
  const capture = (method: string, read: (req: any) => unknown) => {
    const original = monitor[method].bind(monitor);
    monitor[method] = (req: any, callback: any) => {
      wire.push({ what: `${method} ${req.getType?.() ?? req.getUrn?.()} ${req.getName?.() ?? ''}`, payload: read(req) });
      return original(req, callback);
    };
  };
  capture('registerResource', req => req.getObject()?.toJavaScript());
  capture('readResource', req => req.getProperties()?.toJavaScript());
  capture('registerResourceOutputs', req => req.getOutputs()?.toJavaScript());
});

async function drain(): Promise<void> {
  await (pulumi.runtime as any).waitForRPCs();
}

/** Wire messages whose plain parts hold a secret, as "message: paths". */
function wireLeaks(): string[] {
  return wire.flatMap(m => plainLeaks(m.payload).map(p => `${m.what}: ${p}`));
}

// ---------------------------------------------------------------------------------------------

const spec: ManagedClusterSpec = {
  name: 'secretive',
  version: 'v1.34.2',
  infrastructure: { dev: {} },
  controlPlane: {
    replicas: 1,
    files: [{ path: '/etc/kubernetes/pki/extra.key', contentFromSecret: { name: 'extra-key', key: 'tls.key' }, permissions: '0600' }],
    users: [{ name: 'ops', passwordFromSecret: { name: 'ops-password', key: 'hash' } }],
  },
  workerPools: [{
    name: 'md-0',
    replicas: 1,
    files: [{ path: '/etc/registry/token', contentFromSecret: { name: 'registry-token', key: 'token' } }],
    users: [{ name: 'ops', passwordFromSecret: { name: 'ops-password', key: 'hash' } }],
  }],
};

/** The CapiValidationError rendering `bad` throws; fails on anything else. */
function validationErrorOf(bad: ManagedClusterSpec): CapiValidationError {
  let error: unknown;
  try {
    renderManagedCluster(bad);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CapiValidationError);
  return error as CapiValidationError;
}

describe('core and cdk8s', () => {
  test('secret references render as references (contentFrom, passwdFrom), never as content', () => {
    const ms = renderManagedCluster(spec).manifests as any[];
    const kcp = ms.find(m => m.kind === 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    expect(kcp.files).toEqual([{ path: '/etc/kubernetes/pki/extra.key', contentFrom: { secret: { name: 'extra-key', key: 'tls.key' } }, permissions: '0600' }]);
    expect(kcp.users).toEqual([{ name: 'ops', passwdFrom: { secret: { name: 'ops-password', key: 'hash' } } }]);
    const kct = ms.find(m => m.kind === 'KubeadmConfigTemplate').spec.template.spec;
    expect(kct.files[0]).not.toHaveProperty('content');
    expect(kct.users[0]).not.toHaveProperty('passwd');
  });

  test.each(['passwd', 'password'])('a plain-text %s is refused, and the error does not repeat it', field => {
    const e = validationErrorOf({ ...spec, workerPools: [{ name: 'md-0', users: [{ name: 'ops', [field]: SECRET.password } as any] }] });
    expect(e.message).toMatch(/plain-text passwords are refused/);
    expect(leaks(e.message)).toEqual([]);
    expect(leaks(JSON.stringify(e.issues))).toEqual([]);
  });

  test.each<[string, { path: string | string[]; value: unknown }]>([
    ['a users list with passwd', { path: 'spec.kubeadmConfigSpec.users', value: [{ name: 'ops', passwd: SECRET.password }] }],
    ['one passwd field', { path: 'spec.kubeadmConfigSpec.users[0].passwd', value: SECRET.password }],
  ])('a plain-text password smuggled in through an override (%s) is refused without echoing it', (_what, o) => {
    const e = validationErrorOf({ ...spec, overrides: [{ target: 'control-plane', ...o }] });
    expect(e.message).toMatch(/\(KubeadmControlPlane spec\.kubeadmConfigSpec\.users\[0\]\.passwd\): plain-text passwords are refused/);
    expect(leaks(e.message)).toEqual([]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['password', { auth: { password: SECRET.password } }],
    ['apiKey in a list', { sinks: [{ name: 'x', apiKey: SECRET.accessKeyId }] }],
    ['client-secret', { oidc: { 'client-secret': SECRET.secretAccessKey } }],
  ])('a secret in add-on values (%s) is refused without echoing it, with the route by reference', (_what, values) => {
    const e = validationErrorOf({ ...spec, addons: [{ name: 'app', kind: 'helm', repository: 'https://charts.example.com', chart: 'app', version: '1.0.0', values }] });
    expect(e.message).toMatch(/looks like a secret value.*existingSecret/);
    expect(leaks(e.message)).toEqual([]);
    expect(leaks(JSON.stringify(e.issues))).toEqual([]);
  });

  test('a Secret in manifests content is refused without echoing it; a Secret by reference renders as its name only', () => {
    const content = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${SECRET.password}\n`;
    const e = validationErrorOf({ ...spec, addons: [{ name: 'db', kind: 'manifests', strategy: 'ApplyOnce', content }] });
    expect(e.message).toMatch(/holds a Secret, which would be stored in plain text in a ConfigMap/);
    expect(leaks(e.message)).toEqual([]);
    const ok = { ...spec, addons: [{ name: 'db', kind: 'manifests' as const, strategy: 'ApplyOnce' as const, secrets: ['db-credentials'] }, { name: 'app', kind: 'helm' as const, repository: 'https://charts.example.com', chart: 'app', version: '1.0.0', values: { auth: { existingSecret: 'db-credentials' } } }] };
    const objects = clusterAddonObjects(ok) as any[];
    expect(objects.find(o => o.kind === 'ClusterResourceSet').spec.resources).toEqual([{ kind: 'Secret', name: 'db-credentials' }]);
    expect(objects.some(o => o.kind === 'Secret')).toBe(false);
  });

  test('synthesized YAML from the core and from cdk8s holds no secret value', () => {
    expect(leaks(toYaml(renderManagedCluster(spec).manifests))).toEqual([]);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capi-secrets-'));
    try {
      const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
      new Cdk8sManagedCluster(new Chart(app, 'c'), 'secretive', spec);
      app.synth();
      const texts = fs.readdirSync(path.join(outdir, 'c')).map(f => fs.readFileSync(path.join(outdir, 'c', f), 'utf8'));
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.flatMap(leaks)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('pulumi (under mocks, on the wire)', () => {
  test('the wire capture sees plain values, so a leak would be caught', async () => {
    const k8s = await import('@pulumi/kubernetes');
    new k8s.core.v1.ConfigMap('canary', { data: { v: SECRET.fileContent } });
    new k8s.core.v1.ConfigMap('canary-secret', { data: pulumi.secret({ v: SECRET.fileContent }) });
    await drain();
    expect(wireLeaks()).toEqual(['registerResource kubernetes:core/v1:ConfigMap canary: .data.v']);
    expect(hasEnvelope(wire.find(m => m.what.endsWith('canary-secret'))!.payload)).toBe(true);
    wire.length = 0;
  });

  /** After the registrations settle: nothing leaked on the wire, and `count` Secrets were registered with their data wrapped as secrets. */
  async function expectEnvelopedSecrets(count: number): Promise<void> {
    await drain();
    expect(wireLeaks()).toEqual([]);
    const secrets = wire.filter(m => m.what.startsWith('registerResource kubernetes:core/v1:Secret'));
    expect(secrets).toHaveLength(count);
    for (const m of secrets) expect(hasEnvelope(m.payload)).toBe(true);
  }

  test('CapaStaticIdentity: access key, secret key and session token only travel as secrets, also when given as plain strings', async () => {
    const { CapaStaticIdentity } = await import('../../lib/pulumi/aws');
    new CapaStaticIdentity('plain-creds', { accessKeyId: SECRET.accessKeyId, secretAccessKey: SECRET.secretAccessKey, sessionToken: SECRET.sessionToken });
    new CapaStaticIdentity('output-creds', {
      accessKeyId: pulumi.output(SECRET.accessKeyId), secretAccessKey: pulumi.secret(SECRET.secretAccessKey), sessionToken: Promise.resolve(SECRET.sessionToken),
    });
    await expectEnvelopedSecrets(2);
    wire.length = 0;
  });

  test('CapaRoleIdentity: the external id only travels as a secret', async () => {
    const { CapaRoleIdentity, CapaIdentityKind } = await import('../../lib/pulumi/aws');
    new CapaRoleIdentity('role', {
      roleArn: 'arn:aws:iam::123456789012:role/capa', externalId: SECRET.externalId,
      sourceIdentityRef: { kind: CapaIdentityKind.CONTROLLER, name: 'default' },
    });
    await drain();
    expect(wireLeaks()).toEqual([]);
    expect(wire.some(m => m.what.includes('AWSClusterRoleIdentity') && hasEnvelope(m.payload))).toBe(true);
    wire.length = 0;
  });

  test('VSphereIdentity: the vCenter user and password only travel as secrets, also when given as plain strings', async () => {
    const { VSphereIdentity } = await import('../../lib/pulumi');
    new VSphereIdentity('plain-vcenter', { username: SECRET.vcenterUser, password: SECRET.vcenterPassword });
    new VSphereIdentity('output-vcenter', { username: pulumi.output(SECRET.vcenterUser), password: Promise.resolve(SECRET.vcenterPassword) });
    await expectEnvelopedSecrets(2);
    wire.length = 0;
  });

  test('CapzClusterIdentity: the service principal\'s client secret only travels as a secret, also when given as a plain string', async () => {
    const { CapzClusterIdentity } = await import('../../lib/pulumi');
    const ids = { namespace: 'clusters', type: 'ServicePrincipal' as const, clientId: '11111111-2222-4333-8444-555555555555', tenantId: pulumi.output('66666666-7777-4888-9999-000000000000') };
    new CapzClusterIdentity('sp-plain', { ...ids, clientSecret: SECRET.azureClientSecret });
    new CapzClusterIdentity('sp-output', { ...ids, clientSecret: pulumi.output(SECRET.azureClientSecret) });
    await expectEnvelopedSecrets(2);
    // The identity names the Secret; a bad identity's error never echoes the secret.
    const identities = wire.filter(m => m.what.includes('AzureClusterIdentity'));
    expect(identities.map(m => JSON.stringify(m.payload))).toEqual([expect.stringContaining('sp-plain-client-secret'), expect.stringContaining('sp-output-client-secret')]);
    expect(() => new CapzClusterIdentity('Bad', { ...ids, clientId: 'x', clientSecret: SECRET.azureClientSecret })).toThrow(/clientId: must be the client \(application\) id/);
    let message = '';
    try {
      new CapzClusterIdentity('Bad2', { ...ids, type: 'WorkloadIdentity', clientSecret: SECRET.azureClientSecret });
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/clientSecret: a workload identity has no client secret/);
    expect(leaks(message)).toEqual([]);
    wire.length = 0;
  });

  test('ManagementCluster: secretVariables only travel as secrets, also when given as plain strings; the provider names the Secret only', async () => {
    const { ManagementCluster } = await import('../../lib/pulumi');
    const mgmt = { kubernetesVersion: 'v1.34.2', clusterApiVersion: 'v1.14.0', providers: { infrastructure: { aws: { version: 'v2.11.1' } } } };
    new ManagementCluster('mgmt-plain', { ...mgmt, secretVariables: { 'infrastructure/aws': { AWS_B64ENCODED_CREDENTIALS: SECRET.awsB64Credentials } } });
    new ManagementCluster('mgmt-output', { ...mgmt, secretVariables: { 'infrastructure/aws': pulumi.output({ AWS_B64ENCODED_CREDENTIALS: SECRET.awsB64Credentials }) } });
    await expectEnvelopedSecrets(2);
    const providers = wire.filter(m => m.what.includes('InfrastructureProvider'));
    expect(providers.map(m => JSON.stringify(m.payload))).toEqual([expect.stringContaining('aws-variables'), expect.stringContaining('aws-variables')]);
    wire.length = 0;
  });

  test('ManagedCluster: the kubeconfig read with waitForReady is a secret output, never plain on the wire', async () => {
    const { ManagedCluster } = await import('../../lib/pulumi/managed-cluster');
    const { name, ...args } = spec;
    const cluster = new ManagedCluster(name, { ...args, waitForReady: true });
    const kubeconfig = await new Promise<string | undefined>(resolve => cluster.kubeconfig.apply(v => { resolve(v); return v; }));
    await drain();
    // The mocks did hand the secret over: the component read it.
    expect(kubeconfig).toContain(SECRET.kubeconfigToken);
    expect(await pulumi.isSecret(cluster.kubeconfig)).toBe(true);
    expect(wire.some(m => m.what.startsWith('readResource kubernetes:core/v1:Secret'))).toBe(true);
    const outputs = wire.filter(m => m.what.startsWith('registerResourceOutputs'));
    expect(outputs.length).toBeGreaterThan(0);
    expect(wireLeaks()).toEqual([]);
    // Every custom resource of the cluster went over the wire with references only.
    const crs = wire.filter(m => m.what.startsWith('registerResource kubernetes:') && !m.what.includes('core/v1:Secret'));
    expect(crs.length).toBe(renderManagedCluster(spec).manifests.length);
    wire.length = 0;
  });
});
