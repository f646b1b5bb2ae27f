import { assertValidFleet, CapiValidationError, formatFleetIssue, Inventory, LayerEntry, originsOf, resolveFleet } from '../../lib';

const PROD: LayerEntry = {
  layer: 'environment', name: 'prod', managementCluster: 'mgmt-prod', source: 'inventory/environments/prod.yaml',
  spec: { version: 'v1.34.2', namespace: 'prod', controlPlane: { replicas: 3 }, workerPools: [{ name: 'general', replicas: 3 }] },
};
const FRA1: LayerEntry = {
  layer: 'site', name: 'fra1', source: 'inventory/sites/fra1.yaml',
  spec: { infrastructure: { aws: { region: 'eu-central-1' } }, workerPools: [{ name: 'general', machine: { aws: { instanceType: 'm6i.large' } } }] },
};

function inventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    managementClusters: [{ name: 'mgmt-prod' }, { name: 'mgmt-staging' }],
    waves: ['canary'],
    entries: [PROD, FRA1],
    clusters: [{ name: 'a', layers: { environment: 'prod', site: 'fra1' } }, { name: 'b', layers: { environment: 'prod', site: 'fra1' } }],
    ...overrides,
  };
}

const lines = (inv: Inventory) => resolveFleet(inv).issues.map(formatFleetIssue);

test('a valid inventory resolves every cluster with its attributes, layers and merged spec', () => {
  const fleet = resolveFleet(inventory());
  expect(fleet.issues).toEqual([]);
  expect(fleet.layers).toEqual(['environment', 'customer', 'site', 'provider', 'cluster']);
  const a = fleet.clusters[0];
  expect(a).toMatchObject({ name: 'a', namespace: 'prod', managementCluster: 'mgmt-prod', valid: true });
  expect(a.layers.map(l => `${l.layer} ${l.entry}`)).toEqual(['environment prod', 'site fra1', 'cluster a']);
  expect(a.spec).toEqual({
    name: 'a', version: 'v1.34.2', namespace: 'prod', controlPlane: { replicas: 3 },
    workerPools: [{ name: 'general', replicas: 3, machine: { aws: { instanceType: 'm6i.large' } } }],
    infrastructure: { aws: { region: 'eu-central-1' } },
  });
  expect(a.provenance.find(e => e.path === 'workerPools[general].machine.aws.instanceType')).toMatchObject({
    value: 'm6i.large', origin: { layer: 'site', entry: 'fra1', source: 'inventory/sites/fra1.yaml' },
  });
  expect(a.provenance.find(e => e.path === 'managementCluster')).toMatchObject({ kind: 'attribute', value: 'mgmt-prod', origin: { layer: 'environment', entry: 'prod' } });
  expect(a.provenance.find(e => e.path === 'name')!.origin).toMatchObject({ layer: 'cluster', entry: 'a' });
  expect(assertValidFleet(fleet)).toBe(fleet);
});

test('layer names and order are configurable; the cluster layer is always last', () => {
  const fleet = resolveFleet({
    layers: ['region', 'team'],
    entries: [
      { layer: 'region', name: 'eu', spec: { version: 'v1.33.4', infrastructure: { dev: {} } } },
      { layer: 'team', name: 'payments', spec: { version: 'v1.34.2' } },
    ],
    clusters: [{ name: 'p1', layers: { team: 'payments', region: 'eu' } }],
  });
  expect(fleet.issues).toEqual([]);
  expect(fleet.layers).toEqual(['region', 'team', 'cluster']);
  // The team layer is more specific than the region, whatever order the cluster names them in.
  expect(fleet.clusters[0].spec.version).toBe('v1.34.2');
  expect(fleet.clusters[0].spec.infrastructure).toEqual({ dev: {} });
});

test('a rollout applies to the clusters of its waves only, right after its entry, and provenance names the wave', () => {
  const fleet = resolveFleet(inventory({
    entries: [{ ...PROD, rollouts: [{ waves: ['canary'], spec: { version: 'v1.35.0' } }] }, FRA1],
    clusters: [
      { name: 'a', layers: { environment: 'prod', site: 'fra1' }, wave: 'canary' },
      { name: 'b', layers: { environment: 'prod', site: 'fra1' } },
      // The cluster's own value still wins over the rollout of a broader layer.
      { name: 'c', layers: { environment: 'prod', site: 'fra1' }, wave: 'canary', spec: { version: 'v1.34.3' } },
    ],
  }));
  expect(fleet.issues).toEqual([]);
  expect(fleet.clusters.map(c => c.spec.version)).toEqual(['v1.35.0', 'v1.34.2', 'v1.34.3']);
  expect(fleet.clusters[0].provenance.find(e => e.path === 'version')).toMatchObject({
    origin: { layer: 'environment', entry: 'prod', wave: 'canary' }, overridden: [{ layer: 'environment', entry: 'prod' }],
  });
  expect(fleet.clusters[0].wave).toBe('canary');
});

test('each invalid cluster is reported at once with the path and the layer (and file) that set the bad value', () => {
  const fleet = resolveFleet(inventory({
    entries: [PROD, { ...FRA1, spec: { ...FRA1.spec, workerPools: [{ name: 'general', replicas: -1 }] } }],
    clusters: [{ name: 'a', layers: { environment: 'prod', site: 'fra1' } }, { name: 'b', layers: { environment: 'prod', site: 'fra1' }, spec: { controlPlane: { replicas: 2 } } }],
  }));
  expect(fleet.issues.map(formatFleetIssue)).toEqual([
    expect.stringMatching(/^cluster a: workerPools\[0\]\.replicas: .* \(set by site fra1, inventory\/sites\/fra1\.yaml\)/),
    expect.stringMatching(/^cluster b: controlPlane\.replicas: .* \(set by cluster b\)/),
    expect.stringMatching(/^cluster b: workerPools\[0\]\.replicas: .* \(set by site fra1, inventory\/sites\/fra1\.yaml\)/),
  ]);
  expect(fleet.issues.every(i => i.rule === 'cluster-spec')).toBe(true);
  expect(fleet.clusters.map(c => c.valid)).toEqual([false, false]);
  expect(() => assertValidFleet(fleet)).toThrow(CapiValidationError);
  expect(() => assertValidFleet(fleet)).toThrow(/^Invalid fleet \(2 of 2 clusters\): 3 problems:/);
});

test('originsOf traces a whole list, and an object made by several layers, to their layers', () => {
  const a = resolveFleet(inventory()).clusters[0];
  expect(originsOf(a, 'workerPools[0].machine.aws.instanceType').map(o => o.entry)).toEqual(['fra1']);
  expect(originsOf(a, 'workerPools[0]').map(o => o.entry)).toEqual(['fra1', 'prod']);
  expect(originsOf(a, 'network.podCidrs')).toEqual([]);
});

test('throws when two clusters of one name share a namespace of one management cluster', () => {
  const fleet = resolveFleet(inventory({
    clusters: [
      { name: 'a', layers: { environment: 'prod', site: 'fra1' }, source: 'inventory/clusters/a.yaml' },
      { name: 'a', layers: { environment: 'prod', site: 'fra1' }, source: 'inventory/clusters/a-copy.yaml' },
      // Another namespace, or another management cluster: a different Cluster object.
      { name: 'a', layers: { environment: 'prod', site: 'fra1' }, spec: { namespace: 'other' } },
      { name: 'a', layers: { environment: 'prod', site: 'fra1' }, managementCluster: 'mgmt-staging' },
    ],
  }));
  expect(fleet.issues.map(formatFleetIssue)).toEqual([
    'cluster a: name: another cluster of this name is in namespace prod of management cluster mgmt-prod (inventory/clusters/a.yaml): both would be the same objects (got "a"). Fix: rename one of them, or put it in another namespace (spec.namespace)',
  ].map(l => l.replace(' (got', ' (set by cluster a, inventory/clusters/a-copy.yaml) (got')));
  expect(fleet.issues[0].rule).toBe('duplicate-cluster');
});

test('throws when clusters that share a network have overlapping pod, service or VPC CIDRs', () => {
  const ams: LayerEntry = { layer: 'site', name: 'ams1', sharedNetwork: 'ams1-dc', spec: { infrastructure: { aws: { region: 'eu-west-1' } } } };
  const fleet = resolveFleet(inventory({
    entries: [PROD, FRA1, ams],
    clusters: [
      { name: 'x', layers: { environment: 'prod', site: 'ams1' }, spec: { network: { podCidrs: ['10.100.0.0/16'], serviceCidrs: ['10.200.0.0/20'] }, infrastructure: { aws: { network: { managed: { vpcCidr: '10.10.0.0/16' } } } } } },
      { name: 'y', layers: { environment: 'prod', site: 'ams1' }, spec: { network: { podCidrs: ['10.100.128.0/17'], serviceCidrs: ['10.201.0.0/20'] }, infrastructure: { aws: { network: { managed: { vpcCidr: '10.11.0.0/16' } } } } } },
      // Its own network: not compared.
      { name: 'z', layers: { environment: 'prod', site: 'fra1' }, spec: { network: { podCidrs: ['10.100.0.0/16'] } } },
    ],
  }));
  expect(fleet.issues.map(formatFleetIssue)).toEqual([
    'cluster y: network.podCidrs[0]: the pod network 10.100.128.0/17 overlaps the pod network 10.100.0.0/16 of cluster x (network.podCidrs[0]); both share the network ams1-dc (set by cluster y) (got "10.100.128.0/17"). Fix: give each cluster on the shared network blocks of its own',
  ]);
  expect(fleet.issues[0].rule).toBe('cidr-overlap');
  // Two clusters on CAPA's default VPC network and the default pod network overlap too.
  const defaults = resolveFleet(inventory({ entries: [PROD, ams], clusters: [{ name: 'x', layers: { environment: 'prod', site: 'ams1' } }, { name: 'y', layers: { environment: 'prod', site: 'ams1' } }] }));
  expect(defaults.issues.map(i => `${i.cluster} ${i.path}: ${i.message.split(';')[0]}`)).toEqual([
    'y infrastructure.aws.network: the VPC 10.0.0.0/16 overlaps the VPC 10.0.0.0/16 of cluster x (infrastructure.aws.network)',
    'y network.serviceCidrs: the default service network 10.128.0.0/12 overlaps the default service network 10.128.0.0/12 of cluster x (network.serviceCidrs)',
    'y network.podCidrs: the default pod network 192.168.0.0/16 overlaps the default pod network 192.168.0.0/16 of cluster x (network.podCidrs)',
  ]);
});

test('throws when a cluster or an entry names a layer entry, management cluster or wave that does not exist', () => {
  expect(lines(inventory({
    entries: [PROD, { ...FRA1, managementCluster: 'mgmt-prd' }],
    clusters: [{ name: 'a', layers: { environment: 'prod', site: 'fra2', sight: 'x' } as Record<string, string>, wave: 'canry', managementCluster: 'nope' }],
  }))).toEqual([
    'managementCluster: no management cluster "mgmt-prd" in the inventory: did you mean "mgmt-prod"? (got "mgmt-prd"; allowed: mgmt-prod, mgmt-staging). Fix: write mgmt-prod',
    'cluster a: clusters[0].layers.sight: unknown layer (allowed: environment, customer, site, provider). Fix: name one of the inventory\'s layers',
    'cluster a: clusters[0].wave: no wave "canry" in the inventory: did you mean "canary"? (got "canry"; allowed: canary). Fix: write canary',
    'cluster a: clusters[0].layers.site: no site "fra2" in the inventory: did you mean "fra1"? (got "fra2"; allowed: fra1). Fix: write fra1',
    'cluster a: clusters[0].managementCluster: no management cluster "nope" in the inventory (got "nope"; allowed: mgmt-prod, mgmt-staging). Fix: declare the management cluster, or name one that exists',
  ].map((l, i) => (i === 0 ? `inventory/sites/fra1.yaml: ${l}` : l)));
});

test('throws when the inventory has unknown keys, with the closest known name', () => {
  const fleet = resolveFleet({
    ...inventory(),
    entries: [{ ...PROD, spec: { ...PROD.spec, controlPlane: { replicsa: 3 } } as never }, FRA1],
    clusters: [{ name: 'a', layer: { site: 'fra1' } } as never],
    wavez: [],
  } as never);
  expect(fleet.issues.map(formatFleetIssue)).toEqual([
    expect.stringMatching(/^clusters\[0\]\.layer: unknown property: did you mean "layers"\?/),
    expect.stringMatching(/^wavez: unknown property: did you mean "waves"\? \(allowed: layers, managementClusters, waves, entries, clusters, source\)/),
    expect.stringMatching(/^inventory\/environments\/prod\.yaml: spec\.controlPlane\.replicsa: unknown property: did you mean "replicas"\?/),
  ]);
});

test('throws when a layer spec sets the name, which is the cluster entry\'s', () => {
  expect(lines(inventory({ entries: [{ ...PROD, spec: { ...PROD.spec, name: 'x' } as never }, FRA1], clusters: [{ name: 'a', layers: { environment: 'prod' } }] }))).toEqual([
    'inventory/environments/prod.yaml: spec.name: cannot be set by a layer: the cluster entry\'s name is the spec\'s name. Fix: remove name; name the cluster in its entry',
    'cluster a: (spec): not validated: it belongs to environment prod, whose spec has problems (reported for the entry) (set by environment prod, inventory/environments/prod.yaml). Fix: fix the entry',
  ]);
});

test('throws when an inventory holds a secret value, without repeating it', () => {
  const key = 'AKIA' + 'ABCDEFGHIJKLMNOP';
  const fleet = resolveFleet(inventory({
    entries: [PROD, { ...FRA1, spec: { ...FRA1.spec, workerPools: [{ name: 'general', files: [{ path: '/etc/k', content: `-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----` }] }] } }],
    clusters: [{ name: 'a', layers: { environment: 'prod', site: 'fra1' }, spec: { infrastructure: { aws: { identity: { kind: 'AWSClusterStaticIdentity', name: key } } } } }],
  }));
  const text = fleet.issues.map(formatFleetIssue);
  expect(text).toEqual([
    'inventory/sites/fra1.yaml: spec.workerPools[0].files[0].content: looks like a secret value (a private key); inventories hold references to secrets, never their values. Fix: store the value in a Secret (or your secret manager) and reference it, e.g. files[].contentFromSecret or identity.name',
    expect.stringMatching(/^cluster a: clusters\[0\]\.spec\.infrastructure\.aws\.identity\.name: looks like a secret value \(an AWS access key id\)/),
    expect.stringMatching(/^cluster a: \(spec\): not validated: it belongs to site fra1/),
  ]);
  expect(JSON.stringify(fleet.issues)).not.toContain(key);
  expect(JSON.stringify(fleet.issues)).not.toContain('MIIE');
  expect(fleet.issues.map(i => i.rule)).toEqual(['secret', 'secret', 'inventory']);
  // A random key where a reference (a name) belongs.
  expect(lines(inventory({ clusters: [{ name: 'a', layers: { environment: 'prod', site: 'fra1' }, spec: { workerPools: [{ name: 'general', files: [{ path: '/etc/x', contentFromSecret: { name: 'creds', key: 'wJalrXUtnFEMIK7MDENGbPxRfiCY9EXAMPLEKEY' } }] }] } }] })))
    .toEqual([expect.stringMatching(/^cluster a: clusters\[0\]\.spec\.workerPools\[0\]\.files\[0\]\.contentFromSecret\.key: looks like a secret value \(a random key, not a name\)/)]);
});

test('hostile inventories: __proto__ keys, cycles, non-objects and a huge fleet are issues or work, never crashes', () => {
  const proto = JSON.parse('{"clusters": [{"name": "a", "layers": {"__proto__": "x"}, "spec": {"__proto__": {"polluted": 1}}}]}');
  const issues = resolveFleet(proto).issues.map(formatFleetIssue);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/clusters\[0\]\.spec\.__proto__: unknown property/), expect.stringMatching(/layers\.__proto__: unknown layer/)]));

  const cyclic: Record<string, unknown> = { name: 'a', spec: { labels: {} } };
  ((cyclic.spec as Record<string, unknown>).labels as Record<string, unknown>).self = cyclic;
  expect(() => resolveFleet({ clusters: [cyclic as never] })).not.toThrow();

  for (const bad of [null, 'x', [], 42]) expect(resolveFleet(bad as never).issues[0].message).toBe('the inventory must be an object');
  expect(lines({ entries: 'x' } as never)).toEqual(expect.arrayContaining(['entries: must be a list, got a string (got "x"). Fix: write a list', 'clusters: the inventory has no clusters. Fix: add a cluster']));

  const many = resolveFleet(inventory({ clusters: Array.from({ length: 3000 }, (_, i) => ({ name: `c${i}`, layers: { environment: 'prod', site: 'fra1' } })) }));
  expect(many.issues).toEqual([]);
  expect(many.clusters).toHaveLength(3000);
});

test('resolving does not change the inventory, and clusters never share objects', () => {
  const inv = inventory();
  const before = JSON.stringify(inv);
  const fleet = resolveFleet(inv);
  expect(JSON.stringify(inv)).toBe(before);
  expect(fleet.clusters[0].spec.workerPools![0]).not.toBe(fleet.clusters[1].spec.workerPools![0]);
});

describe('management clusters typed with ManagementClusterSpec', () => {
  const MGMT = { kubernetesVersion: 'v1.34.2', clusterApiVersion: 'v1.14.0', providers: { infrastructure: { aws: { version: 'v2.11.1' } }, addon: { helm: { version: 'v0.6.4' } } } };

  test('every cluster is checked against the management cluster its layers name', () => {
    const ok = resolveFleet(inventory({ managementClusters: [{ name: 'mgmt-prod', spec: MGMT }] }));
    expect(ok.issues).toEqual([]);
    const noAws = resolveFleet(inventory({ managementClusters: [{ name: 'mgmt-prod', source: 'inventory/management/mgmt-prod.yaml', spec: { ...MGMT, providers: { addon: MGMT.providers.addon, infrastructure: { docker: {} } } } }] }));
    expect(noAws.issues.map(formatFleetIssue)).toEqual(['a', 'b'].map(c => expect.stringMatching(new RegExp(
      `^cluster ${c}: infrastructure\\.aws: needs the AWSCluster infrastructure \\(infrastructure provider aws\\), which the management cluster "mgmt-prod" does not install \\(set by site fra1, inventory/sites/fra1\\.yaml; environment prod, inventory/environments/prod\\.yaml\\)`,
    ))));
    expect(noAws.issues.every(i => i.rule === 'management')).toBe(true);
  });

  test('throws when a management cluster\'s spec is invalid, once for the management cluster, at its path', () => {
    const fleet = resolveFleet(inventory({ managementClusters: [{ name: 'mgmt-prod', spec: { ...MGMT, clusterApiVersion: 'v1.14' } }] }));
    expect(fleet.issues.map(formatFleetIssue)).toEqual([expect.stringMatching(/^managementClusters\[0\]\.spec\.clusterApiVersion: /)]);
    expect(fleet.issues[0].rule).toBe('management');
  });
});
