// Add-ons: the shared HelmChartProxy and ClusterResourceSet objects of a set of clusters, and the
// CNI version tables (data). The providers' own charts and tables live in their folders.
export { renderAddons, renderValidatedAddons, clusterAddonObjects, addonObjectName, objectKey, sharedObjectConflict, ADDON_NAME_LABEL, MANIFESTS_KEY } from './render';
export type { RenderedAddons } from './render';
export { CNI_CHARTS } from './cni';
export type { CniChart } from './cni';
