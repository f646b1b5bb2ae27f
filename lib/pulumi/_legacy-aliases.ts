/**
 * Which cluster names have claimed their legacy resource names as aliases in this program.
 *
 * Earlier versions named the CustomResources of a ManagedCluster `<cluster>/<Kind>/<name>`, without
 * the namespace, so a state written then holds those names. Only one resource of a deployment
 * may claim a given alias (the engine rejects the program otherwise), and the legacy names of two
 * clusters with the same name in different namespaces are the same. So the first ManagedCluster
 * of a given cluster name in the program claims them; a later one of the same name (necessarily
 * in another namespace, and necessarily new, as the old naming could not hold both) gets none.
 * Private to lib/pulumi; process-wide, as one Pulumi program is one process.
 */
const claimed = new Set<string>();

/** True the first time it is asked for `clusterName` in this process, false afterwards. */
export function claimLegacyAliases(clusterName: string): boolean {
  if (claimed.has(clusterName)) return false;
  claimed.add(clusterName);
  return true;
}
