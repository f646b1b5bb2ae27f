import { fleetClusters, fleetManagementClusters } from '../fixtures/fleet';
import { CapiValidationError, renderFleet } from '../../lib';
import { canonicalJson } from '../../lib/support/hash';
import { registeredManifests } from '../../lib/pulumi/testing';
import { installMocks, settle } from './_mocks';

// GIVEN mocks installed before the module under test is loaded.
const registered = installMocks();
let fleetModule: typeof import('../../lib/pulumi/fleet');
let k8s: typeof import('@pulumi/kubernetes');

beforeAll(async () => {
  fleetModule = await import('../../lib/pulumi/fleet');
  k8s = await import('@pulumi/kubernetes');
});

beforeEach(() => {
  registered.length = 0;
});

const key = (m: { kind: string; metadata: { name: string; namespace?: string } }) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
const canonical = (objects: ReadonlyArray<{ kind: string; metadata: { name: string; namespace?: string } }>) =>
  [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(o => canonicalJson(o));

/** The objects renderFleet gives for the management clusters `names`: what the cdk8s Fleet synthesizes too. */
function expected(names: readonly string[]) {
  return renderFleet(fleetClusters, { managementClusters: fleetManagementClusters }).filter(mc => names.includes(mc.name))
    .flatMap(mc => [...(mc.objects ?? []), ...(mc.shared ?? []), ...mc.clusters.flatMap(c => c.objects)].map(o => o.manifest));
}

test('registers the objects renderFleet renders: every cluster, provider and shared add-on object, each to its management cluster', async () => {
  const staging = new k8s.Provider('mgmt-staging', { context: 'staging' });
  const prod = new k8s.Provider('mgmt-prod', { context: 'prod' });
  const providers: Record<string, typeof staging> = { 'mgmt-staging': staging, 'mgmt-prod': prod };
  const fleet = new fleetModule.Fleet('fleet', {
    clusters: fleetClusters,
    managementClusters: fleetManagementClusters.map(mc => ({ ...mc, provider: providers[mc.name] })),
  });
  await settle(registered);
  expect([...fleet.clusters.keys()].sort()).toEqual(fleetClusters.map(c => `${c.managementCluster}/${c.spec.namespace}/${c.name}`).sort());
  expect(canonical(registeredManifests(registered) as any)).toEqual(canonical(expected(['mgmt-staging', 'mgmt-prod'])));
  // Each object goes to its management cluster's provider.
  const providerOf = (r: (typeof registered)[number]) => String(r.provider ?? '');
  const clusterObjects = registered.filter(r => r.type.startsWith('kubernetes:') && r.inputs?.metadata?.labels?.['cluster.x-k8s.io/cluster-name']);
  for (const r of clusterObjects) {
    const c = fleetClusters.find(c => c.name === r.inputs.metadata.labels['cluster.x-k8s.io/cluster-name'])!;
    expect(providerOf(r)).toContain(c.managementCluster);
  }
  // The add-ons of namespace acme are registered once per management cluster (two API servers).
  expect(registered.filter(r => r.inputs?.kind === 'HelmChartProxy' && r.inputs.metadata.namespace === 'acme' && r.inputs.metadata.name === 'cni')).toHaveLength(2);
});

test('only: one stack per management cluster registers that management cluster alone', async () => {
  new fleetModule.Fleet('fleet', { clusters: fleetClusters, managementClusters: fleetManagementClusters, only: ['mgmt-prod'] });
  await settle(registered);
  expect(canonical(registeredManifests(registered) as any)).toEqual(canonical(expected(['mgmt-prod'])));
});

test('an unknown management cluster in only, and an invalid cluster anywhere in the fleet, are errors before anything is registered', () => {
  expect(() => new fleetModule.Fleet('fleet', { clusters: fleetClusters, only: ['mgmt-qa'] })).toThrow(/no management cluster mgmt-qa in the fleet/);
  const broken = fleetClusters.map(c => (c.name === 'acme-prod-dub1' ? { ...c, spec: { ...c.spec, version: 'v1.2' } } : c));
  let error: unknown;
  try {
    new fleetModule.Fleet('fleet', { clusters: broken, only: ['mgmt-staging'] });
  } catch (e) {
    error = e;
  }
  expect(CapiValidationError.isCapiValidationError(error)).toBe(true);
  expect((error as CapiValidationError).issues[0].path).toMatch(/^clusters\[4\] \(acme-prod-dub1\)\.spec\.version/);
  expect(registered.filter(r => r.type.startsWith('kubernetes:'))).toHaveLength(0);
});

test('one stack cannot hold the same namespace/name under two management clusters', () => {
  const twice = [fleetClusters[0], { ...fleetClusters[0], managementCluster: 'mgmt-prod' }];
  expect(() => new fleetModule.Fleet('fleet', { clusters: twice })).toThrow(/cluster ci\/ci-1 is under management clusters mgmt-staging and mgmt-prod/);
});
