/**
 * The add-ons every vSphere cluster gets unless it opts out: the vSphere cloud controller manager
 * (CPI; the machines run with `cloud-provider: external`, so without it nodes keep the
 * `node.cloudprovider.kubernetes.io/uninitialized` taint and get no providerID, and Machines never
 * get a nodeRef) and the ClusterResourceSet that delivers its vCenter credentials from a
 * management-cluster Secret, by reference. CAPV's default template installs both
 * (cluster-api-provider-vsphere v1.16.1 templates/cluster-template.yaml: ConfigMap
 * `cpi-manifests` and Secret `cloud-provider-vsphere-credentials` in ClusterResourceSet
 * `${CLUSTER_NAME}-crs-0`).
 *
 * No CSI default: kubernetes-sigs/vsphere-csi-driver publishes no Helm chart (only
 * `manifests/vanilla/*.yaml` per release; CAPV's template delivers them as a ClusterResourceSet
 * ConfigMap), and the library copies no upstream manifests. The README shows the manifests add-on
 * that installs it.
 */
import { ProviderAddons } from '../../core/provider';

/** The management-cluster Secret (as CAPV's template names it) that wraps the CPI's credentials Secret. */
const VSPHERE_CPI_CREDENTIALS = 'cloud-provider-vsphere-credentials';

// kubernetes/cloud-provider-vsphere README.md "Compatibility with Kubernetes": compatibility is
// ONLY guaranteed between a release and the Kubernetes minor of the same number, so the CPI image
// follows the minor. The chart repository (branch gh-pages, index.yaml) publishes vsphere-cpi
// 1.36.0, whose templates only pass --cloud-provider, --v and --cloud-config (the same at every
// release tag), and takes the image as `daemonset.tag`: every row uses that chart with the newest
// release tag of its minor.
const CPI_CHART = '1.36.0';
const CPI_SOURCE = (tag: string) => `kubernetes/cloud-provider-vsphere tag ${tag} (README.md "Compatibility with Kubernetes"); chart vsphere-cpi ${CPI_CHART} (gh-pages index.yaml)`;
const CPI_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['v1.31', 'v1.31.1'], ['v1.32', 'v1.32.3'], ['v1.33', 'v1.33.1'], ['v1.34', 'v1.34.0'], ['v1.35', 'v1.35.1'], ['v1.36', 'v1.36.0'],
];

export const vsphereAddons: ProviderAddons = {
  defaults: [
    // Channel `vsphere`: the proxy is `cloud-controller-manager-vsphere`, so vSphere clusters share
    // a namespace with another provider's clusters, whose `cloud-controller-manager` is another chart.
    { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', channel: 'vsphere' },
    // Reconcile: a rotated password reaches the workload clusters (ApplyOnce would apply it once).
    { name: 'vsphere-credentials', kind: 'manifests', strategy: 'Reconcile', secrets: [VSPHERE_CPI_CREDENTIALS] },
  ],
  cloudControllerManager: {
    repository: 'https://kubernetes.github.io/cloud-provider-vsphere',
    chart: 'vsphere-cpi',
    namespace: 'kube-system',
    // charts/vsphere-cpi/templates/configmap.yaml at 1.36.0 writes vsphere.conf from `config`:
    // the vCenter and its thumbprint come from each cluster's VSphereCluster; the credentials from
    // the Secret `secret.name` in the release namespace (keys `<server>.username`,
    // `<server>.password`), never from values. No datacenter: the CPI then searches every
    // datacenter of the vCenter (v1.36.0 pkg/common/connectionmanager/search.go, list.go).
    values: {
      config: {
        enabled: true,
        vcenter: '{{ .InfraCluster.spec.server }}',
        thumbprint: '{{ .InfraCluster.spec.thumbprint }}',
        datacenter: '',
        secret: { create: false, name: VSPHERE_CPI_CREDENTIALS },
      },
    },
    appVersionValue: 'daemonset.tag',
    versions: CPI_ROWS.map(([kubernetes, appVersion]) => ({ kubernetes, version: CPI_CHART, appVersion, source: CPI_SOURCE(appVersion) })),
  },
};
