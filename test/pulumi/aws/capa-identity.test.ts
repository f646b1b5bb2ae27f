import * as pulumi from '@pulumi/pulumi';
import { inputPropertiesErrorOf, installMocks, isWireSecret, settle, unwrapSecrets, valueOf } from './_mocks';
import { identityMetadata } from '../../../lib/providers/aws/identities';

// Mocks first, then the modules under test (imported in beforeAll).
const registered = installMocks();
let id: typeof import('../../../lib/pulumi/aws/capa-identity');
let k8s: typeof import('@pulumi/kubernetes');
let provider: import('@pulumi/kubernetes').Provider;

/** Child props as handed to the SDK (Outputs intact, so secretness is visible), via a transformation. */
const childProps = new Map<string, Record<string, any>>();
const recordProps: pulumi.ResourceTransformation = a => {
  childProps.set(a.name, a.props);
  return undefined;
};

beforeAll(async () => {
  id = await import('../../../lib/pulumi/aws/capa-identity');
  k8s = await import('@pulumi/kubernetes');
  provider = new k8s.Provider('mgmt', { kubeconfig: 'apiVersion: v1' });
});

const raw = (name: string) => registered.find(r => r.name === name)!;
/** A registered resource with secrets unwrapped (assert secretness on `raw` separately). */
const inputsOf = (name: string) => ({ ...raw(name), inputs: unwrapSecrets(raw(name).inputs) });
const opts = () => ({ provider, transformations: [recordProps] });

describe('CapaStaticIdentity', () => {
  test('creates the identity and its Secret in capa-system, with the keys CAPA reads', async () => {
    const c = new id.CapaStaticIdentity('static', {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'shh',
      allowedNamespaces: id.AllowedNamespaces.all(),
      clusterNames: ['prod-eu-1', 'prod-eu-2'],
    }, opts());
    await valueOf(c.identity.id);
    await settle(registered);
    expect(c.identityRef).toEqual({ kind: 'AWSClusterStaticIdentity', name: 'static' });
    const secret = inputsOf('static-secret');
    expect(secret.type).toBe('kubernetes:core/v1:Secret');
    expect(secret.inputs).toMatchObject({
      metadata: { name: 'static-credentials', namespace: 'capa-system', annotations: { 'capi-constructs.io/clusters': 'prod-eu-1,prod-eu-2' } },
      type: 'Opaque',
      stringData: { AccessKeyID: 'AKIAEXAMPLE', SecretAccessKey: 'shh' },
    });
    expect(secret.inputs.stringData).not.toHaveProperty('SessionToken');
    // The engine (here: the mocks) receives stringData marked secret.
    expect(isWireSecret(raw('static-secret').inputs.stringData)).toBe(true);
    const identity = inputsOf('static-identity');
    expect(identity.type).toBe('kubernetes:infrastructure.cluster.x-k8s.io/v1beta2:AWSClusterStaticIdentity');
    expect(identity.inputs).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'AWSClusterStaticIdentity',
      metadata: { name: 'static', annotations: { 'capi-constructs.io/clusters': 'prod-eu-1,prod-eu-2' } },
      // `{}` means every namespace and must survive serialization.
      spec: { secretRef: 'static-credentials', allowedNamespaces: {} },
    });
    expect(identity.inputs.metadata).not.toHaveProperty('namespace');
  });

  test('holds every credential as a Pulumi secret', async () => {
    const c = new id.CapaStaticIdentity('secrets', {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: pulumi.output('shh'),
      sessionToken: 'token',
    }, opts());
    await valueOf(c.identity.id);
    const stringData = childProps.get('secrets-secret')!.stringData;
    expect(pulumi.Output.isInstance(stringData)).toBe(true);
    expect(await pulumi.isSecret(stringData)).toBe(true);
    expect(await valueOf(stringData)).toEqual({ AccessKeyID: 'AKIAEXAMPLE', SecretAccessKey: 'shh', SessionToken: 'token' });
    expect(await pulumi.isSecret(c.secret.stringData)).toBe(true);
  });

  test('uses the configured namespace, names, and the given Kubernetes provider', async () => {
    const c = new id.CapaStaticIdentity('custom', {
      identityName: 'tenant-a',
      secretName: 'tenant-a-aws',
      controllerNamespace: 'capa',
      accessKeyId: 'a',
      secretAccessKey: 'b',
      allowedNamespaces: id.AllowedNamespaces.names('team-a', 'team-b'),
    }, opts());
    await valueOf(c.identity.id);
    await settle(registered);
    expect(inputsOf('custom-secret').inputs.metadata).toEqual({ name: 'tenant-a-aws', namespace: 'capa' });
    expect(inputsOf('custom-identity').inputs.spec).toEqual({ secretRef: 'tenant-a-aws', allowedNamespaces: { list: ['team-a', 'team-b'] } });
    expect(inputsOf('custom-identity').inputs.metadata).toEqual({ name: 'tenant-a' });
    expect(inputsOf('custom-identity').provider).toMatch(/::pulumi:providers:kubernetes::mgmt::/);
    expect(inputsOf('custom-secret').provider).toMatch(/::pulumi:providers:kubernetes::mgmt::/);
    expect(c.identityRef).toEqual({ kind: 'AWSClusterStaticIdentity', name: 'tenant-a' });
    expect(c.secretNamespace).toBe('capa');
  });

  test('leaves allowedNamespaces out by default (CAPA then allows no namespace)', async () => {
    const c = new id.CapaStaticIdentity('none', { accessKeyId: 'a', secretAccessKey: 'b' }, opts());
    await valueOf(c.identity.id);
    await settle(registered);
    expect(inputsOf('none-identity').inputs.spec).toEqual({ secretRef: 'none-credentials' });
  });

  test('throws when credentials are missing and names, namespaces or selectors are invalid', () => {
    const err = inputPropertiesErrorOf(() => new id.CapaStaticIdentity('Bad_Name', {
      accessKeyId: '',
      secretAccessKey: undefined as never,
      controllerNamespace: 'CAPA',
      allowedNamespaces: id.AllowedNamespaces.namesOrSelector(['ok', 'Not-OK'], {}),
      clusterNames: ['x_y'],
    }));
    expect(err.errors.map(e => e.propertyPath)).toEqual([
      'identityName', 'allowedNamespaces.list[1]', 'allowedNamespaces.selector', 'clusterNames[0]', 'accessKeyId', 'secretAccessKey', 'controllerNamespace',
    ]);
    expect(err.message).toContain('Invalid arguments for capi-constructs:aws:CapaStaticIdentity "Bad_Name": 7 problems');
    expect(err.errors[2].reason).toContain('an empty selector matches no namespace in CAPA');
    expect(err.errors[4].reason).toContain("config.requireSecret('accessKeyId')");
  });

  test('throws when the namespace list is empty', () => {
    expect(() => new id.CapaStaticIdentity('empty', { accessKeyId: 'a', secretAccessKey: 'b', allowedNamespaces: id.AllowedNamespaces.names() }))
      .toThrow('allowedNamespaces.list: an empty namespace list lets no namespace use the identity; use AllowedNamespaces.none()');
  });
});

describe('CapaRoleIdentity', () => {
  test('creates an AWSClusterRoleIdentity chained to its source, external id as a secret', async () => {
    const src = { kind: id.CapaIdentityKind.CONTROLLER, name: 'default' };
    const c = new id.CapaRoleIdentity('role', {
      roleArn: 'arn:aws:iam::123456789012:role/capa-tenant',
      sourceIdentityRef: src,
      sessionName: 'capa-tenant',
      durationSeconds: 3600,
      externalId: 'passphrase',
      allowedNamespaces: id.AllowedNamespaces.selector({ matchLabels: { tenant: 'a' } }),
      clusterNames: ['prod-eu-1'],
    }, opts());
    await valueOf(c.identity.id);
    await settle(registered);
    const identity = inputsOf('role-identity');
    expect(identity.type).toBe('kubernetes:infrastructure.cluster.x-k8s.io/v1beta2:AWSClusterRoleIdentity');
    expect(identity.inputs).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'AWSClusterRoleIdentity',
      metadata: { name: 'role', annotations: { 'capi-constructs.io/clusters': 'prod-eu-1' } },
      spec: {
        roleARN: 'arn:aws:iam::123456789012:role/capa-tenant',
        sourceIdentityRef: { kind: 'AWSClusterControllerIdentity', name: 'default' },
        sessionName: 'capa-tenant',
        durationSeconds: 3600,
        externalID: 'passphrase',
        allowedNamespaces: { selector: { matchLabels: { tenant: 'a' } } },
      },
    });
    expect(await pulumi.isSecret(childProps.get('role-identity')!.spec.externalID)).toBe(true);
    // A secret leaf makes the whole top-level `spec` input secret on the wire.
    expect(isWireSecret(raw('role-identity').inputs.spec)).toBe(true);
    expect(c.identityRef).toEqual({ kind: 'AWSClusterRoleIdentity', name: 'role' });
  });

  test('chains from a static identity through its identityRef and accepts an Output role ARN', async () => {
    const s = new id.CapaStaticIdentity('chain-src', { accessKeyId: 'a', secretAccessKey: 'b' }, opts());
    const c = new id.CapaRoleIdentity('chain', { roleArn: pulumi.output('arn:aws:iam::123456789012:role/x'), sourceIdentityRef: s.identityRef }, opts());
    await valueOf(c.identity.id);
    await settle(registered);
    expect(isWireSecret(raw('chain-identity').inputs.spec)).toBe(false);
    expect(inputsOf('chain-identity').inputs.spec).toEqual({
      roleARN: 'arn:aws:iam::123456789012:role/x',
      sourceIdentityRef: { kind: 'AWSClusterStaticIdentity', name: 'chain-src' },
    });
  });

  test('throws when roleArn, sourceIdentityRef, durationSeconds or sessionName are invalid', () => {
    const issues = id.validateCapaRoleIdentityArgs('r', {
      roleArn: 'capa-tenant',
      sourceIdentityRef: { kind: id.CapaIdentityKind.CONTROLLER, name: 'mine' },
      durationSeconds: 60,
      sessionName: 'a b',
    });
    expect(issues.map(i => i.propertyPath)).toEqual(['roleArn', 'sourceIdentityRef.name', 'durationSeconds', 'sessionName']);
    expect(issues[1].reason).toContain('singleton named "default"');
    expect(issues[2].reason).toContain('from 900 (15 minutes) to 43200 (12 hours)');
    expect(() => new id.CapaRoleIdentity('r', { roleArn: 'x', sourceIdentityRef: undefined as never }))
      .toThrow(/sourceIdentityRef: sourceIdentityRef is required: CAPA's webhook rejects a role identity without one/);
  });
});

describe('identityMetadata', () => {
  test('adds the clusters annotation only when clusters are given, without duplicates', () => {
    expect(identityMetadata('x', undefined)).toEqual({ name: 'x' });
    expect(identityMetadata('x', [])).toEqual({ name: 'x' });
    expect(identityMetadata('x', ['a', 'b', 'a'])).toEqual({ name: 'x', annotations: { 'capi-constructs.io/clusters': 'a,b' } });
  });
});
