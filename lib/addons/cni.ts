/**
 * The CNI plugins' charts, default values and version tables (data). Each row cites where its
 * compatibility comes from; a row for a minor the plugin's docs do not list says so.
 */
import { AddonChart } from '../core/provider';
import { CniPlugin } from '../core/spec';

const MINORS = ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35', 'v1.36'];

// cilium/cilium v1.19.3 Documentation/network/kubernetes/compatibility.rst: e2e tested with
// Kubernetes 1.32, 1.33, 1.34 and 1.35; "older and newer Kubernetes versions, while not listed,
// will depend on the forward / backward compatibility offered by Kubernetes". One version for the
// whole window, so a namespace's clusters on different minors share one HelmChartProxy.
const CILIUM_TESTED = ['v1.32', 'v1.33', 'v1.34', 'v1.35'];
const CILIUM_SOURCE = 'cilium/cilium v1.19.3 Documentation/network/kubernetes/compatibility.rst';

// projectcalico/calico v3.32.1 charts/tigera-operator (chart and operator images tagged v3.32.1);
// its supported Kubernetes versions are listed on docs.tigera.io (getting-started/kubernetes/
// requirements), and the v3.32.1 release notes (release-notes/v3.32.1-release-notes.md) cover 1.36.
const CALICO_SOURCE = 'projectcalico/calico v3.32.1 charts/tigera-operator; docs.tigera.io/calico/latest/getting-started/kubernetes/requirements';

/**
 * Calico's IP pools, one per pod CIDR of the Cluster (CAAPH config/samples/calico-cni.yaml does
 * the same): IP-in-IP for IPv4, as CAPA's default security groups allow (BGP and IP-in-IP);
 * no encapsulation for IPv6, which IP-in-IP cannot carry.
 */
const CALICO_IP_POOLS = '[{{ range $i, $c := .Cluster.spec.clusterNetwork.pods.cidrBlocks }}{{ if $i }}, {{ end }}'
  + '{"cidr": {{ $c | quote }}, "encapsulation": {{ if contains ":" $c }}"None"{{ else }}"IPIP"{{ end }}, "natOutgoing": "Enabled", "nodeSelector": "all()"}{{ end }}]';

/** A CNI chart: the common chart facts, and raw Go templates (printing YAML flow values) by dot path. */
export interface CniChart extends AddonChart {
  readonly templates?: Readonly<Record<string, string>>;
}

export const CNI_CHARTS: Readonly<Record<CniPlugin, CniChart>> = {
  cilium: {
    repository: 'https://helm.cilium.io',
    chart: 'cilium',
    namespace: 'kube-system',
    // Pod addresses from each node's podCIDR, which kube-controller-manager allocates from the
    // Cluster's pod network (kubeadm passes it as --cluster-cidr): the cluster's
    // network.podCidrs, with no second list to keep in step (Cilium's own default pool is 10.0.0.0/8).
    values: { ipam: { mode: 'kubernetes' } },
    versions: MINORS.map(kubernetes => ({
      kubernetes, version: '1.19.3',
      source: CILIUM_TESTED.includes(kubernetes) ? `${CILIUM_SOURCE} (e2e tested)` : `${CILIUM_SOURCE} (not in the e2e-tested list: relies on Kubernetes' compatibility)`,
    })),
  },
  calico: {
    repository: 'https://docs.tigera.io/calico/charts',
    chart: 'tigera-operator',
    namespace: 'tigera-operator',
    values: { installation: { cni: { type: 'Calico' }, calicoNetwork: { bgp: 'Enabled' } } },
    templates: { 'installation.calicoNetwork.ipPools': CALICO_IP_POOLS },
    versions: MINORS.map(kubernetes => ({ kubernetes, version: 'v3.32.1', source: CALICO_SOURCE })),
  },
};
