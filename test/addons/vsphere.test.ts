/** The vSphere provider's default add-ons: the CPI chart with its credentials by reference, shared per namespace, opt-out, no CSI chart. */
import { clusterAddonObjects, ManagedClusterSpec, renderAddons, renderManagedCluster } from '../../lib';
import { awsSpec, problemsOf } from '../core/fixtures';

const vsphereSpec = (overrides: Partial<ManagedClusterSpec> = {}, server = 'vcenter.example.com'): ManagedClusterSpec => ({
  name: 'onprem',
  namespace: 'clusters',
  version: 'v1.34.1',
  infrastructure: {
    vsphere: {
      server,
      thumbprint: '5A:3B:71:0C:9E:44:12:8D:F0:6B:2A:91:C3:77:E5:08:1D:BA:4F:66',
      controlPlaneEndpoint: { kubeVip: { address: '10.20.0.10' } },
      template: 'ubuntu-2404-kube-v1.34.1',
      network: { devices: [{ networkName: 'k8s-nodes' }] },
    },
  },
  controlPlane: { replicas: 3 },
  workerPools: [],
  ...overrides,
});
const kinds = (ms: readonly any[]) => ms.map(m => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`);

describe('vSphere default add-ons', () => {
  test('the CPI chart reads the vCenter from the VSphereCluster and its credentials from a Secret it does not create', () => {
    const objects = clusterAddonObjects(vsphereSpec()) as any[];
    expect(kinds(objects)).toEqual(['HelmChartProxy/clusters/cloud-controller-manager-vsphere', 'ClusterResourceSet/clusters/vsphere-credentials']);
    const [cpi, credentials] = objects;
    expect(cpi.spec).toMatchObject({ repoURL: 'https://kubernetes.github.io/cloud-provider-vsphere', chartName: 'vsphere-cpi', version: '1.36.0', namespace: 'kube-system' });
    expect(cpi.spec.valuesTemplate).toContain('vcenter: "{{ .InfraCluster.spec.server }}"');
    expect(cpi.spec.valuesTemplate).toContain('thumbprint: "{{ .InfraCluster.spec.thumbprint }}"');
    expect(cpi.spec.valuesTemplate).toMatch(/secret:\n {4}create: false\n {4}name: cloud-provider-vsphere-credentials\n/);
    expect(cpi.spec.valuesTemplate).toMatch(/daemonset:\n {2}tag: \{\{ get \(dict "v1.31" "v1.31.1" .* "v1.36" "v1.36.0"\)/);
    expect(credentials.spec).toEqual({
      clusterSelector: { matchLabels: { 'addons.capi-constructs.io/vsphere-credentials': 'default' } },
      strategy: 'Reconcile',
      resources: [{ kind: 'Secret', name: 'cloud-provider-vsphere-credentials' }],
    });
  });

  test('the template reads fields the rendered VSphereCluster has', () => {
    const infra = renderManagedCluster(vsphereSpec()).manifests.find(m => m.kind === 'VSphereCluster') as any;
    expect(infra.spec).toMatchObject({ server: 'vcenter.example.com', thumbprint: '5A:3B:71:0C:9E:44:12:8D:F0:6B:2A:91:C3:77:E5:08:1D:BA:4F:66' });
  });

  test('clusters of one namespace on other minors and vCenters share the proxy and the ClusterResourceSet', () => {
    const r = renderAddons([vsphereSpec({ name: 'a' }), vsphereSpec({ name: 'b', version: 'v1.31.4' }, 'vcenter-2.example.com')]);
    expect(kinds(r.manifests)).toEqual(['HelmChartProxy/clusters/cloud-controller-manager-vsphere', 'ClusterResourceSet/clusters/vsphere-credentials']);
    expect([...r.selected.values()]).toEqual([['a', 'b'], ['a', 'b']]);
  });

  test('an AWS and a vSphere cluster of one namespace each get their own CCM proxy (the vSphere one on channel vsphere)', () => {
    const r = renderAddons([awsSpec({ name: 'cloud', namespace: 'clusters' }), vsphereSpec()]);
    expect(kinds(r.manifests).filter(k => k.startsWith('HelmChartProxy/clusters/cloud'))).toEqual(['HelmChartProxy/clusters/cloud-controller-manager', 'HelmChartProxy/clusters/cloud-controller-manager-vsphere']);
    const labels = renderManagedCluster(vsphereSpec()).manifests.find(m => m.kind === 'Cluster')!.metadata.labels ?? {};
    expect(labels).toMatchObject({ 'addons.capi-constructs.io/cloud-controller-manager': 'vsphere', 'addons.capi-constructs.io/vsphere-credentials': 'default' });
  });

  test('every minor of the window renders the defaults', () => {
    for (const minor of ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35', 'v1.36']) {
      expect(clusterAddonObjects(vsphereSpec({ version: `${minor}.2` }))).toHaveLength(2);
    }
  });

  test('each default can be turned off: the other stays, and the Cluster loses its label', () => {
    const noCredentials = vsphereSpec({ addons: [{ name: 'vsphere-credentials', kind: 'manifests', strategy: 'Reconcile', enabled: false }] });
    expect(kinds(clusterAddonObjects(noCredentials))).toEqual(['HelmChartProxy/clusters/cloud-controller-manager-vsphere']);
    const noCcm = vsphereSpec({ addons: [{ name: 'cloud-controller-manager', kind: 'cloud-controller-manager', enabled: false }] });
    expect(kinds(clusterAddonObjects(noCcm))).toEqual(['ClusterResourceSet/clusters/vsphere-credentials']);
    const labels = renderManagedCluster(noCcm).manifests.find(m => m.kind === 'Cluster')!.metadata.labels ?? {};
    expect(labels).not.toHaveProperty(['addons.capi-constructs.io/cloud-controller-manager']);
  });

  test('a user value merges over the defaults; credentials in values are an error', () => {
    const [cpi] = clusterAddonObjects(vsphereSpec({ addons: [{ name: 'cloud-controller-manager', kind: 'cloud-controller-manager', values: { config: { datacenter: 'dc-1' } } }] })) as any[];
    expect(cpi.spec.valuesTemplate).toContain('datacenter: dc-1');
    expect(cpi.spec.valuesTemplate).toContain('vcenter: "{{ .InfraCluster.spec.server }}"');
    const leak = vsphereSpec({ addons: [{ name: 'cloud-controller-manager', kind: 'cloud-controller-manager', values: { config: { password: 'hunter2' } } }] });
    const problems = problemsOf(() => renderManagedCluster(leak));
    expect(problems).toEqual([expect.stringMatching(/^addons\[0\]\.values\.config\.password: looks like a secret value/)]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('there is no CSI chart: a csi add-on says so', () => {
    const problems = problemsOf(() => renderManagedCluster(vsphereSpec({ addons: [{ name: 'csi', kind: 'csi' }] })));
    expect(problems).toEqual([expect.stringMatching(/addons\[0\]\.kind: the vsphere provider has no csi chart/)]);
  });
});
