/**
 * Whether a workload cluster fits the management cluster that will run it: its infrastructure,
 * bootstrap, control-plane and add-on providers are installed, the feature gates its features
 * need are on, and its Kubernetes version is one the management cluster's Cluster API supports.
 * The core never imports this room (it does not know management clusters); the engines call it.
 */
import { enabledAddons } from '../core/addons';
import { isInWindow, KubernetesVersion, ManagedClusterSpec, providerOf } from '../core';
import { ValidationIssue } from '../support/issues';
import { resolveProviders, ResolvedProvider } from './catalog';
import { FEATURE_GATE_REQUIREMENTS } from './feature-gates';
import { ManagementClusterSpec } from './spec';
import { validateManagementCluster } from './validate';
import { workloadKubernetesWindow } from './versions';

/**
 * Every mismatch between a workload cluster and its management cluster, at paths of the
 * workload cluster's spec. When the management spec itself is invalid, its problems are
 * returned instead (under `managementCluster.`), since nothing can be checked against it.
 */
export function validateClusterForManagement(cluster: ManagedClusterSpec, management: ManagementClusterSpec): ValidationIssue[] {
  const own = validateManagementCluster(management);
  if (own.length > 0) return own.map(i => ({ ...i, path: `managementCluster.${i.path}` }));
  const issues: ValidationIssue[] = [];
  const providers = resolveProviders(management);
  const mgmt = `management cluster ${JSON.stringify(management.name)}`;
  const find = (type: ResolvedProvider['type'], name: string) => providers.find(p => p.type === type && p.name === name);
  const missing = (path: string, type: ResolvedProvider['type'], name: string, what: string): void => {
    if (find(type, name)) return;
    issues.push({
      path, message: `needs the ${what} (${type} provider ${name}), which the ${mgmt} does not install`,
      allowed: providers.filter(p => p.type === type).map(p => p.name).join(', ') || `no ${type} provider`,
      fix: `add providers.${type}.${name} to the ${mgmt}, or run the cluster on another management cluster`,
    });
  };

  const infrastructure = providerOf(cluster.infrastructure);
  if (infrastructure) missing(`infrastructure.${infrastructure.id}`, 'infrastructure', infrastructure.operatorName, `${infrastructure.clusterKind} infrastructure`);
  // Every cluster of this library is kubeadm-based: a KubeadmControlPlane, KubeadmConfigTemplates.
  missing('controlPlane', 'controlPlane', 'kubeadm', 'kubeadm control plane');
  if ((cluster.workerPools ?? []).length > 0) missing('workerPools', 'bootstrap', 'kubeadm', 'kubeadm bootstrap');
  // Add-ons other than `manifests` (ClusterResourceSets, part of core Cluster API) are HelmChartProxies, which CAAPH delivers.
  const helmAddon = enabledAddons(cluster).find(a => a.addon?.kind !== 'manifests');
  if (helmAddon) missing(helmAddon.path, 'addon', 'helm', `Helm add-on provider CAAPH for the add-on ${JSON.stringify(helmAddon.addon.name)}`);

  for (const row of FEATURE_GATE_REQUIREMENTS) {
    const paths = row.usedAt(cluster);
    if (paths.length === 0) continue;
    const provider = find(row.provider.type, row.provider.name);
    if (!provider) continue; // reported above as a missing provider, or the core (always installed)
    const on = provider.spec.manager?.featureGates?.[row.gate] ?? row.enabledByDefault;
    if (on) continue;
    for (const path of paths) {
      issues.push({
        path, message: `${row.feature} needs the ${row.gate} feature gate of the ${row.provider.name} ${row.provider.type} provider, which is off on the ${mgmt}`,
        fix: `set ${provider.path}.manager.featureGates.${row.gate}: true on the management cluster (${row.source}), or do without the feature`,
      });
    }
  }

  const version = KubernetesVersion.tryParse(String(cluster.version));
  if (version) issues.push(...workloadVersionIssues(version, management, mgmt));
  return issues;
}

/** The workload version against the window of the management cluster's Cluster API version (versions.ts). */
function workloadVersionIssues(version: KubernetesVersion, management: ManagementClusterSpec, mgmt: string): ValidationIssue[] {
  const window = workloadKubernetesWindow(management.clusterApiVersion);
  // An unknown Cluster API version is reported by the management cluster's own version checks.
  if (!window || isInWindow(version, window)) return [];
  return [{
    path: 'version',
    message: `Kubernetes ${version.minorVersion} is outside what Cluster API ${management.clusterApiVersion} on the ${mgmt} supports for workload clusters`,
    value: version.version,
    allowed: `${window.oldest} to ${window.newest}${window.source ? ` (${window.source})` : ''}`,
    fix: `use a Kubernetes version from ${window.oldest} to ${window.newest}, or upgrade Cluster API on the management cluster first`,
  }];
}
