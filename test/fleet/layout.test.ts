import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { fleetClusters, fleetManagementClusters } from '../fixtures/fleet';
import {
  assertValidFleet, CapiValidationError, fleetLayout, KUSTOMIZATION_FILE, managementClusterInputs, parseManifests, readInventoryPath, readManifestPath, renderFleet,
  resolveInventoryFiles, writeLayout,
} from '../../lib';
import { Fleet } from '../../lib/cdk8s';
import { canonicalJson } from '../../lib/support/hash';
import { AWS_CLUSTER, DEV_CLUSTER } from '../fixtures/clusters';

const key = (m: { kind: string; metadata: { name: string; namespace?: string } }) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
/** Objects as a sorted list of canonical JSON, so two sets compare whatever their order and formatting. */
const canonical = (objects: ReadonlyArray<{ kind: string; metadata: { name: string; namespace?: string } }>) =>
  [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(o => canonicalJson(o));

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-layout-'));
}

/** The example fleet synthesized by the cdk8s engine (dist/) and its layout written beside it. */
function synthExample(): { dist: string; layout: string; files: Map<string, string>; fleet: Fleet } {
  const dir = tempDir();
  const app = new App({ outdir: path.join(dir, 'dist'), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  const fleet = new Fleet(app, 'fleet', { clusters: fleetClusters, managementClusters: fleetManagementClusters });
  app.synth();
  const files = fleet.layout({ gitops: { kind: 'flux', repository: { url: 'https://github.com/example/fleet', path: 'gitops' } } });
  writeLayout(path.join(dir, 'gitops'), files);
  return { dist: path.join(dir, 'dist'), layout: path.join(dir, 'gitops'), files, fleet };
}

const example = synthExample();

/** `kubectl kustomize DIR`: the real binary, as Flux and Argo CD build a folder. */
function kustomize(dir: string) {
  return parseManifests(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }), dir);
}

test('every folder of the layout has a kustomization.yaml that lists exactly the files and folders in it', () => {
  const folders = new Set([...example.files.keys()].map(f => path.posix.dirname(f)));
  for (const folder of folders) {
    expect(example.files.has(`${folder}/${KUSTOMIZATION_FILE}`)).toBe(true);
    const listed = (parseManifests(example.files.get(`${folder}/${KUSTOMIZATION_FILE}`)!, folder) as unknown[]);
    expect(listed).toEqual([]); // the plan reader skips kustomize files: they are not objects
    const resources = (require('yaml').parse(example.files.get(`${folder}/${KUSTOMIZATION_FILE}`)!) as { resources: string[] }).resources;
    const below = new Set([...example.files.keys()].filter(f => f.startsWith(`${folder}/`) && f !== `${folder}/${KUSTOMIZATION_FILE}`)
      .map(f => f.slice(folder.length + 1).split('/')[0]));
    // The gitops folder is what Flux is pointed at; the management cluster's folder does not apply it.
    below.delete('gitops');
    expect(new Set(resources)).toEqual(below);
  }
  expect(example.files.has(KUSTOMIZATION_FILE)).toBe(false); // no root: two management clusters are two API servers
});

test('the layout: one folder per management cluster, per namespace and per cluster; files named after roles', () => {
  const clusterFiles = [...example.files.keys()].filter(f => f.startsWith('mgmt-prod/clusters/acme/acme-prod-fra1/')).map(f => path.posix.basename(f)).sort();
  expect(clusterFiles).toEqual([
    'cluster.yaml', 'control-plane-machine-template.yaml', 'control-plane.yaml', 'infrastructure-cluster.yaml', KUSTOMIZATION_FILE,
    'pool-general-bootstrap-template.yaml', 'pool-general-machine-deployment.yaml', 'pool-general-machine-template.yaml',
  ]);
  expect([...example.files.keys()].filter(f => f.startsWith('mgmt-prod/shared/acme/')).sort()).toEqual([
    'mgmt-prod/shared/acme/helmchartproxy-cloud-controller-manager.yaml', 'mgmt-prod/shared/acme/helmchartproxy-cni.yaml',
    'mgmt-prod/shared/acme/helmchartproxy-csi.yaml', `mgmt-prod/shared/acme/${KUSTOMIZATION_FILE}`,
  ]);
  expect(example.files.has('mgmt-staging/providers/infrastructureprovider-docker.yaml')).toBe(true);
  expect(example.files.has('mgmt-prod/providers/infrastructureprovider-docker.yaml')).toBe(false);
});

test('a changed pool changes the content of the same files, not their names (template names carry a hash)', () => {
  const changed = fleetClusters.map(c => (c.name !== 'ci-1' ? c : { ...c, spec: { ...c.spec, workerPools: [{ name: 'general', replicas: 2, machine: { dev: { customImage: 'kindest/node:v1.35.0' } } }] } }));
  const before = fleetLayout(renderFleet(fleetClusters, { managementClusters: fleetManagementClusters }));
  const after = fleetLayout(renderFleet(changed as typeof fleetClusters, { managementClusters: fleetManagementClusters }));
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  const file = 'mgmt-staging/clusters/ci/ci-1/pool-general-machine-template.yaml';
  expect(after.get(file)).not.toEqual(before.get(file));
  expect(parseManifests(after.get(file)!, file)[0].metadata.name).not.toEqual(parseManifests(before.get(file)!, file)[0].metadata.name);
});

test('kubectl kustomize builds every folder, each giving the objects of the files below it', () => {
  const folders = [...new Set([...example.files.keys()].map(f => path.posix.dirname(f)))];
  for (const folder of folders) {
    const built = kustomize(path.join(example.layout, folder));
    const below = [...example.files.entries()]
      .filter(([f]) => f.startsWith(`${folder}/`) && path.posix.basename(f) !== KUSTOMIZATION_FILE && (folder.endsWith('/gitops') || !f.startsWith(`${folder}/gitops/`)))
      .flatMap(([f, text]) => parseManifests(text, f));
    expect(built.length).toBeGreaterThan(0);
    expect(canonical(built)).toEqual(canonical(below));
  }
});

test('each management cluster folder builds to exactly the objects the cdk8s engine synthesizes for its clusters', () => {
  const folders = fs.readdirSync(example.dist);
  for (const mc of ['mgmt-staging', 'mgmt-prod']) {
    const clusters = fleetClusters.filter(c => c.managementCluster === mc);
    // The Fleet's charts of this management cluster (its clusters and its own objects), then the
    // add-on charts cdk8s writes once per namespace for the whole app (addons-<namespace>).
    const own = folders.filter(f => f.startsWith(`fleet-${mc}-`)).flatMap(f => readManifestPath(path.join(example.dist, f)));
    const addons = [...new Set(clusters.map(c => c.spec.namespace))].flatMap(ns => readManifestPath(path.join(example.dist, `addons-${ns}`)));
    const built = kustomize(path.join(example.layout, mc));
    expect(built.filter(m => m.kind === 'Cluster').map(m => m.metadata.name).sort()).toEqual(clusters.map(c => c.name).sort());
    const builtAddons = built.filter(m => m.kind === 'HelmChartProxy');
    expect(canonical(built.filter(m => m.kind !== 'HelmChartProxy'))).toEqual(canonical(own));
    // Each proxy of the layout is cdk8s's; cdk8s's addons-acme also has the proxies the other management cluster's acme clusters select.
    expect(builtAddons.length).toBeGreaterThan(0);
    for (const proxy of builtAddons) expect(addons.map(a => canonicalJson(a))).toContain(canonicalJson(proxy));
  }
});

test('Flux: a GitRepository and a Kustomization per folder, clusters after providers and shared objects', () => {
  const flux = kustomize(path.join(example.layout, 'mgmt-prod', 'gitops'));
  const source = flux.find(m => m.kind === 'GitRepository')!;
  expect(source.spec).toEqual({ url: 'https://github.com/example/fleet', interval: '10m', ref: { branch: 'main' } });
  const kustomizations = flux.filter(m => m.kind === 'Kustomization');
  for (const k of kustomizations) {
    const folder = (k.spec as { path: string }).path.replace(/^\.\/gitops\//, '');
    expect(example.files.has(`${folder}/${KUSTOMIZATION_FILE}`)).toBe(true);
  }
  expect(kustomizations.map(k => k.metadata.name).sort()).toEqual([
    'mgmt-prod-acme-acme-prod-dub1', 'mgmt-prod-acme-acme-prod-fra1', 'mgmt-prod-globex-globex-prod-fra1', 'mgmt-prod-providers', 'mgmt-prod-shared',
  ]);
  expect(kustomizations.find(k => k.metadata.name === 'mgmt-prod-shared')!.spec).toMatchObject({ dependsOn: [{ name: 'mgmt-prod-providers' }] });
  expect(kustomizations.find(k => k.metadata.name === 'mgmt-prod-acme-acme-prod-fra1')!.spec).toMatchObject({
    dependsOn: [{ name: 'mgmt-prod-providers' }, { name: 'mgmt-prod-shared' }], prune: true, sourceRef: { kind: 'GitRepository', name: 'fleet' },
  });
});

test('Argo CD: an Application per folder, in sync waves', () => {
  const files = fleetLayout(renderFleet(fleetClusters, { managementClusters: fleetManagementClusters }), {
    gitops: { kind: 'argo-cd', repository: { url: 'https://github.com/example/fleet', revision: 'release' }, automated: true },
  });
  const apps = [...files.entries()].filter(([f]) => f.startsWith('mgmt-staging/gitops/') && !f.endsWith(KUSTOMIZATION_FILE)).flatMap(([f, t]) => parseManifests(t, f));
  const wave = (name: string) => apps.find(a => a.metadata.name === name)!.metadata.annotations!['argocd.argoproj.io/sync-wave'];
  expect([wave('mgmt-staging-providers'), wave('mgmt-staging-shared'), wave('mgmt-staging-ci-ci-1')]).toEqual(['0', '1', '2']);
  expect(apps.find(a => a.metadata.name === 'mgmt-staging-ci-ci-1')!.spec).toEqual({
    project: 'default',
    source: { repoURL: 'https://github.com/example/fleet', targetRevision: 'release', path: 'mgmt-staging/clusters/ci/ci-1' },
    destination: { server: 'https://kubernetes.default.svc' },
    syncPolicy: { automated: { prune: true } },
  });
});

test('renderFleet renders what the core renders, clusters without a management cluster under "management"', () => {
  const [mc] = renderFleet([{ name: DEV_CLUSTER.name, spec: DEV_CLUSTER }]);
  expect(mc.name).toBe('management');
  expect(mc.clusters[0].objects.map(o => o.manifest)).toEqual(require('../../lib').renderManagedCluster(DEV_CLUSTER).manifests);
});

test('renderFleet reports every invalid cluster at once, each path naming the cluster', () => {
  let error: unknown;
  try {
    renderFleet([
      { name: 'a', spec: { ...DEV_CLUSTER, name: 'a', version: 'v1.2' } },
      { name: 'b', spec: { ...AWS_CLUSTER, name: 'b', workerPools: [{ name: 'x', replicas: -1 }] } },
      { name: 'c', namespace: 'other', spec: { ...DEV_CLUSTER, name: 'c' } },
    ]);
  } catch (e) {
    error = e;
  }
  expect(CapiValidationError.isCapiValidationError(error)).toBe(true);
  const paths = (error as CapiValidationError).issues.map(i => i.path);
  expect(paths.some(p => p.startsWith('clusters[0] (a).spec.version'))).toBe(true);
  expect(paths.some(p => p.startsWith('clusters[1] (b).spec.workerPools[0]'))).toBe(true);
  expect(paths).toContain('clusters[2] (c).namespace');
});

test('the layout refuses names that are not folder names, duplicate clusters and two objects in one file', () => {
  const cluster = (name: string) => ({ name, namespace: 'ns', objects: [{ manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } } }] });
  const bad = () => fleetLayout([
    { name: '../etc', clusters: [] },
    { name: 'ok', clusters: [cluster('a'), cluster('a'), cluster('__proto__')] },
    { name: 'two', clusters: [], shared: [
      { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'ns' } } },
      { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'ns' } } },
    ] },
  ]);
  expect(bad).toThrow(CapiValidationError);
  try {
    bad();
  } catch (e) {
    const messages = (e as CapiValidationError).issues.map(i => `${i.path}: ${i.message}`);
    expect(messages).toEqual([
      'managementClusters[0].name: a folder name of the layout must be a DNS label',
      'managementClusters[1].clusters[1].name: two clusters named a in namespace ns of management cluster ok',
      'managementClusters[1].clusters[2].name: a folder name of the layout must be a DNS label',
      'managementClusters[2].shared: ConfigMap ns/same and ConfigMap ns/same would both be written to two/shared/ns/configmap-same.yaml',
    ]);
  }
});

describe('writeLayout', () => {
  test('writes the files, removes the YAML files a later layout no longer has, and leaves other files alone', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'README.md'), 'mine');
    const first = fleetLayout(renderFleet(fleetClusters));
    writeLayout(dir, first);
    fs.writeFileSync(path.join(dir, 'mgmt-staging', 'notes.txt'), 'mine too');
    const fewer = fleetLayout(renderFleet(fleetClusters.filter(c => c.name !== 'ci-2')));
    const result = writeLayout(dir, fewer);
    expect(result.removed).toEqual([...first.keys()].filter(f => !fewer.has(f)).sort());
    expect(result.removed.every(f => f.startsWith('mgmt-staging/clusters/ci/ci-2/'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'mgmt-staging/clusters/ci/ci-2'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('mine');
    expect(fs.readFileSync(path.join(dir, 'mgmt-staging', 'notes.txt'), 'utf8')).toBe('mine too');
    for (const [f, text] of fewer) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(text);
  });

  test('refuses a path that leaves the folder, and writes nothing then', () => {
    const dir = tempDir();
    for (const bad of ['../x.yaml', '/etc/x.yaml', 'a//b.yaml', 'a/./b.yaml', 'a\\b.yaml']) {
      expect(() => writeLayout(dir, new Map([['ok/a.yaml', 'a: 1\n'], [bad, 'b: 2\n']]))).toThrow(/not a plain relative path/);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('the management clusters of an inventory', () => {
  test('one with a spec puts its providers into its providers/ folder; a named reference has none', () => {
    const inventory = path.join(__dirname, '../../examples/inventory');
    const fleet = assertValidFleet(resolveInventoryFiles(readInventoryPath(inventory)));
    const inputs = managementClusterInputs({ managementClusters: [...fleet.managementClusters, { name: 'named-only' }] });
    expect(inputs.map(mc => mc.name)).toEqual([...fleet.managementClusters.map(mc => mc.name), 'named-only']);
    expect(inputs.at(-1)!.objects).toBeUndefined();
    const prod = inputs.find(mc => mc.name === 'mgmt-prod')!;
    expect(prod.objects!.filter(o => o.apiVersion === 'operator.cluster.x-k8s.io/v1alpha2').map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CoreProvider/cluster-api', 'BootstrapProvider/kubeadm', 'ControlPlaneProvider/kubeadm', 'InfrastructureProvider/aws', 'InfrastructureProvider/vsphere', 'AddonProvider/helm',
    ]);
    const layout = fleetLayout(renderFleet(fleet.clusters, { managementClusters: inputs }));
    const providerFiles = [...layout.keys()].filter(p => p.startsWith('mgmt-prod/providers/') && !p.endsWith(KUSTOMIZATION_FILE));
    expect(providerFiles.length).toBe(prod.objects!.length);
  });
});
