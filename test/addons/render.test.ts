/** renderAddons: shared objects per namespace and channel, the labels that select clusters, the version tables. */
import { CapiValidationError, clusterAddonObjects, ManagedClusterSpec, registeredProviders, renderAddons, renderManagedCluster } from '../../lib';
import { CNI_CHARTS } from '../../lib/addons';
import { awsSpec, devSpec } from '../core/fixtures';

const CNI = { name: 'cni', kind: 'cni' as const, plugin: 'calico' as const };
const kinds = (ms: readonly any[]) => ms.map(m => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`);
const clusterLabels = (spec: ManagedClusterSpec): Record<string, string> => renderManagedCluster(spec).manifests.find(m => m.kind === 'Cluster')!.metadata.labels ?? {};

describe('sharing', () => {
  test('clusters of one namespace on different minors share one HelmChartProxy per add-on', () => {
    const a = awsSpec({ name: 'a', addons: [CNI] });
    const b = awsSpec({ name: 'b', version: 'v1.33.4', addons: [CNI], workerPools: [] });
    const r = renderAddons([a, b]);
    expect(kinds(r.manifests)).toEqual(['HelmChartProxy/clusters/cloud-controller-manager', 'HelmChartProxy/clusters/cni', 'HelmChartProxy/clusters/csi']);
    expect([...r.selected.values()]).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    const proxy = r.manifests[1] as any;
    expect(proxy.spec.clusterSelector).toEqual({ matchLabels: { 'addons.capi-constructs.io/cni': 'default' } });
    expect(clusterLabels(a)).toMatchObject({
      'addons.capi-constructs.io/cni': 'default', 'addons.capi-constructs.io/cloud-controller-manager': 'default', 'addons.capi-constructs.io/csi': 'default',
    });
  });

  test('clusters of other namespaces get their own objects', () => {
    const r = renderAddons([devSpec({ name: 'x', namespace: 'one', addons: [CNI] }), devSpec({ name: 'y', namespace: 'two', addons: [CNI] })]);
    expect(kinds(r.manifests)).toEqual(['HelmChartProxy/one/cni', 'HelmChartProxy/two/cni']);
  });

  test('a cluster on another channel gets its own proxy and label value', () => {
    const canary = devSpec({ name: 'canary', addons: [{ ...CNI, version: 'v3.31.7', channel: 'canary' }] });
    const r = renderAddons([devSpec({ addons: [CNI] }), canary]);
    expect(kinds(r.manifests)).toEqual(['HelmChartProxy/default/cni', 'HelmChartProxy/default/cni-canary']);
    expect((r.manifests[1] as any).spec).toMatchObject({ version: 'v3.31.7', clusterSelector: { matchLabels: { 'addons.capi-constructs.io/cni': 'canary' } } });
    expect(clusterLabels(canary)['addons.capi-constructs.io/cni']).toBe('canary');
  });

  test('throws when clusters sharing a proxy differ, naming both and the fix', () => {
    const render = () => renderAddons([devSpec({ name: 'a', addons: [CNI] }), devSpec({ name: 'b', addons: [{ ...CNI, version: 'v3.31.7' }] })]);
    expect(render).toThrow(CapiValidationError);
    expect(render).toThrow(/b: addons\[0\]: shares the HelmChartProxy default\/cni with cluster a, but they differ in version\. Fix: .*channel/);
  });

  test('a provider default turned off renders no object and no label', () => {
    const spec = awsSpec({ addons: [{ name: 'cloud-controller-manager', kind: 'cloud-controller-manager', enabled: false }] });
    expect(kinds(clusterAddonObjects(spec))).toEqual(['HelmChartProxy/clusters/csi']);
    expect(clusterLabels(spec)).not.toHaveProperty(['addons.capi-constructs.io/cloud-controller-manager']);
  });

  test('a Dev cluster without add-ons has none, and its Cluster no add-on label', () => {
    expect(clusterAddonObjects(devSpec())).toEqual([]);
    expect(Object.keys(clusterLabels(devSpec())).filter(k => k.startsWith('addons.'))).toEqual([]);
  });
});

describe('charts and values', () => {
  test('the AWS CCM follows the control plane minor through a Go template over the version table', () => {
    const ccm = clusterAddonObjects(awsSpec())[0] as any;
    expect(ccm.spec).toMatchObject({ repoURL: 'https://kubernetes.github.io/cloud-provider-aws', chartName: 'aws-cloud-controller-manager', version: '0.0.11', namespace: 'kube-system' });
    expect(ccm.spec.valuesTemplate).toContain('"v1.34" "v1.34.3"');
    expect(ccm.spec.valuesTemplate).toContain('dig "status" "version" .ControlPlane.spec.version .ControlPlane');
    expect(ccm.spec.valuesTemplate).toMatch(/hostNetworking: true/);
  });

  test('user values merge over the defaults key by key; a value the user sets replaces the template', () => {
    const spec = awsSpec({ addons: [
      { name: 'csi', kind: 'csi', values: { controller: { replicaCount: 2 } } },
      { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', values: { image: { tag: 'v1.34.9' } } },
    ] });
    const [ccm, csi] = clusterAddonObjects(spec) as any[];
    expect(csi.spec.valuesTemplate).toMatch(/^controller:\n {2}nodeSelector:\n {4}node-role.kubernetes.io\/control-plane: ""\n {2}replicaCount: 2\n {2}tolerations:/);
    expect(ccm.spec.valuesTemplate).toContain('tag: v1.34.9');
    expect(ccm.spec.valuesTemplate).not.toContain('{{');
  });

  test('Calico takes its IP pools from the Cluster pod CIDRs; Cilium its addresses from the nodes', () => {
    const [calico] = clusterAddonObjects(devSpec({ addons: [CNI] })) as any[];
    expect(calico.spec.valuesTemplate).toContain('ipPools: [{{ range $i, $c := .Cluster.spec.clusterNetwork.pods.cidrBlocks }}');
    const [cilium] = clusterAddonObjects(devSpec({ addons: [{ name: 'cni', kind: 'cni', plugin: 'cilium' }] })) as any[];
    expect(cilium.spec).toMatchObject({ repoURL: 'https://helm.cilium.io', chartName: 'cilium', version: '1.19.3' });
    expect(cilium.spec.valuesTemplate).toBe('ipam:\n  mode: kubernetes\n');
  });

  test('a helm add-on from an OCI registry, with its release namespace and name', () => {
    const [proxy] = clusterAddonObjects(devSpec({ addons: [{ name: 'ingress', kind: 'helm', repository: 'oci://registry.example.com/charts', chart: 'ingress-nginx', version: '4.13.1', namespace: 'ingress', releaseName: 'edge' }] })) as any[];
    expect(proxy.spec).toEqual({
      chartName: 'ingress-nginx', clusterSelector: { matchLabels: { 'addons.capi-constructs.io/ingress': 'default' } }, namespace: 'ingress',
      options: { install: { createNamespace: true } }, releaseName: 'edge', repoURL: 'oci://registry.example.com/charts', version: '4.13.1',
    });
  });

  test('manifests: a ConfigMap with the content, and a ClusterResourceSet with the strategy, the ConfigMap and the Secrets by reference', () => {
    const objects = clusterAddonObjects(devSpec({ addons: [{ name: 'policies', kind: 'manifests', strategy: 'Reconcile', content: 'kind: Namespace\n', secrets: ['registry-auth'] }] })) as any[];
    expect(kinds(objects)).toEqual(['ConfigMap/default/policies', 'ClusterResourceSet/default/policies']);
    expect(objects[0].data).toEqual({ 'manifests.yaml': 'kind: Namespace\n' });
    expect(objects[1].apiVersion).toBe('addons.cluster.x-k8s.io/v1beta2');
    expect(objects[1].spec).toEqual({ clusterSelector: { matchLabels: { 'addons.capi-constructs.io/policies': 'default' } }, strategy: 'Reconcile', resources: [{ kind: 'ConfigMap', name: 'policies' }, { kind: 'Secret', name: 'registry-auth' }] });
  });
});

describe('version tables', () => {
  const MINORS = ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35', 'v1.36'];
  const tables = [
    ...Object.entries(CNI_CHARTS).map(([plugin, chart]) => [`cni ${plugin}`, chart] as const),
    ...registeredProviders().flatMap(p => [['ccm', p.addons?.cloudControllerManager], ['csi', p.addons?.csi]].filter(([, c]) => c).map(([k, c]) => [`${p.id} ${k}`, c!] as const)),
  ];

  test.each(tables)('%s covers v1.31 to v1.36, each row exact and with its source', (_name, chart: any) => {
    expect(chart.versions.map((r: any) => r.kubernetes)).toEqual(MINORS);
    for (const r of chart.versions) {
      expect(r.version).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(r.source).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+ (v|tag )/);
      if (r.appVersion) expect(r.appVersion.startsWith(`${r.kubernetes}.`)).toBe(true);
    }
  });

  test('every cluster of the window renders its default add-ons', () => {
    for (const minor of MINORS) expect(clusterAddonObjects(awsSpec({ version: `${minor}.0`, addons: [CNI] }))).toHaveLength(3);
  });
});
