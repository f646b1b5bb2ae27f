/**
 * The add-ons every Azure cluster gets unless it opts out: the Azure cloud controller manager and
 * cloud node manager (the machines run with `cloud-provider: external`; without them nodes keep
 * the `node.cloudprovider.kubernetes.io/uninitialized` taint and get no providerID, so Machines
 * never get a nodeRef) and the Azure Disk CSI driver. CAPZ installs both through CAAPH
 * HelmChartProxies (cluster-api-provider-azure v1.26.0 templates/addons/cluster-api-helm/
 * cloud-provider-azure.yaml and azuredisk-csi-driver.yaml); the values below mirror them.
 *
 * Credentials never pass through values: both read /etc/kubernetes/azure.json on the node, which
 * the provider's machineBootstrap writes from the Secret CAPZ creates per machine template.
 */
import { ProviderAddons } from '../../core/provider';

// kubernetes-sigs/cloud-provider-azure README.md "Version matrix": minor release versions match
// Kubernetes minor versions. Chart 1.36.0 (helm/repo/cloud-provider-azure-1.36.0.tgz, the newest
// in helm/repo/index.yaml) picks the image per minor itself from .Capabilities.KubeVersion
// (templates/cloud-provider-azure.yaml); these rows are that chart's own pins, each a release tag.
// They are set explicitly (`imageTag` of both managers) so the values change when the control
// plane changes minor: CAAPH upgrades a release only when its values or version change, and the
// chart's own choice would stay on the minor it was installed on.
const CCM_CHART = '1.36.0';
const CCM_SOURCE = (tag: string) => `kubernetes-sigs/cloud-provider-azure tag ${tag} (README.md "Version matrix"); chart ${CCM_CHART} helm/repo/cloud-provider-azure-${CCM_CHART}.tgz templates/cloud-provider-azure.yaml pins ${tag}`;
const CCM_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['v1.31', 'v1.31.12'], ['v1.32', 'v1.32.17'], ['v1.33', 'v1.33.12'], ['v1.34', 'v1.34.9'], ['v1.35', 'v1.35.4'], ['v1.36', 'v1.36.0'],
];

// kubernetes-sigs/azuredisk-csi-driver README.md "Container Images & Kubernetes Compatibility":
// v1.34.5 supports Kubernetes 1.21+, so one chart serves the whole window (charts/v1.34.5,
// Chart.yaml version and appVersion 1.34.5).
const CSI_SOURCE = 'kubernetes-sigs/azuredisk-csi-driver tag v1.34.5, charts/v1.34.5/azuredisk-csi-driver/Chart.yaml; README.md "Container Images & Kubernetes Compatibility"';

export const azureAddons: ProviderAddons = {
  defaults: [
    // Channel `azure`: the proxies are `cloud-controller-manager-azure` and `csi-azure`, so Azure
    // clusters share a namespace with another provider's clusters, whose defaults of the same names
    // are other charts (AWS's are on the default channel, vSphere's on `vsphere`).
    { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', channel: 'azure' },
    { name: 'csi', kind: 'csi', channel: 'azure' },
  ],
  cloudControllerManager: {
    repository: 'https://raw.githubusercontent.com/kubernetes-sigs/cloud-provider-azure/master/helm/repo',
    chart: 'cloud-provider-azure',
    namespace: 'kube-system',
    // As CAPZ's proxy: the cluster name, and the pod network the CCM allocates node CIDRs from
    // (CAPZ's kube-controller-manager runs with allocate-node-cidrs false). CAPZ's logVerbosity 4
    // (verbose) is left at the chart's 2. The chart's defaults read the cloud config from
    // /etc/kubernetes/azure.json (cloudControllerManager.cloudConfig, a hostPath on the
    // control-plane nodes it is pinned to); cloudConfigSecretName stays unset.
    values: {
      infra: { clusterName: '{{ .Cluster.metadata.name }}' },
      // A raw string (backquotes) for the separator: a `"` would be escaped in the YAML string,
      // and `\"` is not valid inside a Go template action.
      cloudControllerManager: { clusterCIDR: '{{ .Cluster.spec.clusterNetwork.pods.cidrBlocks | join `,` }}' },
    },
    appVersionValue: ['cloudControllerManager.imageTag', 'cloudNodeManager.imageTag'],
    versions: CCM_ROWS.map(([kubernetes, appVersion]) => ({ kubernetes, version: CCM_CHART, appVersion, source: CCM_SOURCE(appVersion) })),
  },
  csi: {
    repository: 'https://raw.githubusercontent.com/kubernetes-sigs/azuredisk-csi-driver/master/charts',
    chart: 'azuredisk-csi-driver',
    namespace: 'kube-system',
    // As CAPZ's proxy: one controller replica on the control plane, where azure.json carries the
    // control-plane identity. The driver reads the Secret kube-system/azure-cloud-provider
    // (controller.cloudConfigSecretName) and, as it does not exist, falls back to
    // /etc/kubernetes/azure.json (v1.34.5 pkg/azureutils/azure_disk_utils.go
    // GetCloudProviderFromClient()), mounted by the chart's hostPath /etc/kubernetes/.
    values: { controller: { replicas: 1, runOnControlPlane: true } },
    versions: ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35', 'v1.36'].map(kubernetes => ({ kubernetes, version: '1.34.5', source: CSI_SOURCE })),
  },
};
