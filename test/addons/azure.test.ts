/** The Azure provider's default add-ons: CAPZ's cloud-provider-azure and Azure Disk CSI proxies. */
import { clusterAddonObjects, ManagedClusterSpec, renderAddons } from '../../lib';
import { AWS_CLUSTER, AZURE_CLUSTER } from '../fixtures/clusters';

const azure = (overrides: Partial<ManagedClusterSpec> = {}): ManagedClusterSpec => ({ ...AZURE_CLUSTER, ...overrides });
const names = (ms: readonly any[]) => ms.map(m => `${m.kind}/${m.metadata.name}`);
// The per-minor image tag, as CAAPH would print it for a control plane on `minor`.
const imageTag = (template: string, minor: string) => new RegExp(`"${minor}" "(v[0-9.]+)"`).exec(template)![1];

test('an Azure cluster gets the cloud controller manager and the Azure Disk CSI driver, with CAPZ\'s values', () => {
  const [ccm, csi] = clusterAddonObjects(azure()) as any[];
  expect(names([ccm, csi])).toEqual(['HelmChartProxy/cloud-controller-manager-azure', 'HelmChartProxy/csi-azure']);
  expect(ccm.spec).toMatchObject({
    repoURL: 'https://raw.githubusercontent.com/kubernetes-sigs/cloud-provider-azure/master/helm/repo',
    chartName: 'cloud-provider-azure', version: '1.36.0', namespace: 'kube-system', releaseName: 'cloud-controller-manager',
  });
  const values: string = ccm.spec.valuesTemplate;
  expect(values).toContain('infra:\n  clusterName: "{{ .Cluster.metadata.name }}"');
  expect(values).toContain('clusterCIDR: "{{ .Cluster.spec.clusterNetwork.pods.cidrBlocks | join `,` }}"');
  // Both managers follow the control plane's minor, from the one table.
  expect(values).toMatch(/cloudControllerManager:\n(?: {2}.*\n)* {2}imageTag: \{\{ get \(dict /);
  expect(values).toMatch(/cloudNodeManager:\n {2}imageTag: \{\{ get \(dict /);
  expect(imageTag(values, 'v1.34')).toBe('v1.34.9');
  // No credential in values: the charts read /etc/kubernetes/azure.json on the nodes.
  expect(values).not.toMatch(/cloudConfigSecretName|aadClient/);
  expect(csi.spec).toMatchObject({
    repoURL: 'https://raw.githubusercontent.com/kubernetes-sigs/azuredisk-csi-driver/master/charts',
    chartName: 'azuredisk-csi-driver', version: '1.34.5', namespace: 'kube-system',
    valuesTemplate: 'controller:\n  replicas: 1\n  runOnControlPlane: true\n',
  });
});

test('Azure clusters of one namespace on different minors share the proxies', () => {
  const r = renderAddons([azure(), azure({ name: 'prod-weu-2', version: 'v1.33.4' })]);
  expect([...r.selected.entries()]).toEqual([
    ['HelmChartProxy/clusters/cloud-controller-manager-azure', ['prod-weu-1', 'prod-weu-2']],
    ['HelmChartProxy/clusters/csi-azure', ['prod-weu-1', 'prod-weu-2']],
  ]);
});

test('a user image tag replaces the template of that manager only; a default turned off renders nothing', () => {
  const [ccm] = clusterAddonObjects(azure({ addons: [
    { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', values: { cloudNodeManager: { imageTag: 'v1.34.10' } } },
  ] })) as any[];
  expect(ccm.spec.valuesTemplate).toContain('cloudNodeManager:\n  imageTag: v1.34.10\n');
  expect(ccm.spec.valuesTemplate.match(/imageTag: \{\{/g)).toHaveLength(1);
  const off = azure({ addons: [{ name: 'csi', kind: 'csi', enabled: false }, { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', enabled: false }] });
  expect(clusterAddonObjects(off)).toEqual([]);
});

test('AWS and Azure clusters of one namespace each get their own CCM and CSI proxies (Azure\'s on channel azure)', () => {
  const r = renderAddons([{ ...AWS_CLUSTER, name: 'cloud', namespace: 'clusters' }, azure({ namespace: 'clusters' })]);
  expect(names(r.manifests).filter(n => /^HelmChartProxy\/(cloud-controller-manager|csi)/.test(n))).toEqual([
    'HelmChartProxy/cloud-controller-manager', 'HelmChartProxy/cloud-controller-manager-azure', 'HelmChartProxy/csi', 'HelmChartProxy/csi-azure',
  ]);
});
