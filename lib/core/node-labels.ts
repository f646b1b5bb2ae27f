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
