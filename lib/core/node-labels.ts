/**
 * Domains whose node labels CAPI syncs from the Machine to the Node in place (CAPI book,
 * "Metadata propagation"). Labels in other domains go to the kubelet's `--node-labels`.
 */
export function isCapiSyncedLabel(key: string): boolean {
  const prefix = key.includes('/') ? key.split('/')[0] : '';
  return (
    prefix === 'node-role.kubernetes.io' || prefix === 'node-restriction.kubernetes.io' || prefix.endsWith('.node-restriction.kubernetes.io') ||
    prefix === 'node.cluster.x-k8s.io' || prefix.endsWith('.node.cluster.x-k8s.io')
  );
}

/**
 * Labels in the kubernetes.io / k8s.io namespaces that a kubelet may set on its own Node
 * (NodeRestriction admission, kubernetes/kubernetes plugin/pkg/admission/noderestriction and
 * `kubeletapis.IsKubeletLabel`). Any other label in those namespaces makes the kubelet refuse to start.
 */
export function kubeletMaySet(key: string): boolean {
  const prefix = key.includes('/') ? key.split('/')[0] : '';
  const restricted = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  if (!restricted) return true;
  if (/(^|\.)(kubelet\.kubernetes\.io|node\.kubernetes\.io)$/.test(prefix)) return true;
  return [
    'kubernetes.io/hostname', 'kubernetes.io/arch', 'kubernetes.io/os', 'beta.kubernetes.io/instance-type',
    'beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'failure-domain.beta.kubernetes.io/zone',
    'failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region',
  ].includes(key);
}

/** The kubelet flag that sets labels on the node when it registers. */
export const NODE_LABELS_FLAG = 'node-labels';

/** The labels of a kubelet `node-labels` flag (`k1=v1,k2=v2`), in order; an item without `=` has the value ''. */
export function parseNodeLabelsFlag(flag: string): Array<[string, string]> {
  return flag.split(',').map(s => s.trim()).filter(s => s.length > 0).map(item => {
    const eq = item.indexOf('=');
    return eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)];
  });
}

/** The `node-labels` flag value for `labels`, sorted by key so the output is stable. */
export function formatNodeLabelsFlag(labels: ReadonlyArray<readonly [string, string]>): string {
  return [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Where a machine group's `nodeLabels` go (the control plane and the pools place them alike). */
export interface NodeLabelPlacement {
  /** CAPI-synced labels, for the Machine template metadata (synced to the Node in place). */
  readonly machineLabels: Record<string, string>;
  /** The kubelet flags carrying the other labels: `node-labels`, sorted, or nothing. */
  readonly kubeletExtraArgs: Record<string, string>;
}

/** Splits `nodeLabels` into the labels CAPI syncs from the Machine and the kubelet's `--node-labels` flag. */
export function placeNodeLabels(nodeLabels: Record<string, string> | undefined): NodeLabelPlacement {
  const entries = Object.entries(nodeLabels ?? {});
  const kubeletLabels = entries.filter(([k]) => !isCapiSyncedLabel(k));
  return {
    machineLabels: Object.fromEntries(entries.filter(([k]) => isCapiSyncedLabel(k))),
    kubeletExtraArgs: kubeletLabels.length > 0 ? { [NODE_LABELS_FLAG]: formatNodeLabelsFlag(kubeletLabels) } : {},
  };
}
