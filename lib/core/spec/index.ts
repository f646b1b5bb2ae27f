// The plain-data specs of a cluster: what users write, in code, YAML or stack config.
export * from './cluster';
export * from './provider-sections';
export * from './control-plane';
export * from './worker-pool';
export * from './kubeadm';
export * from './addons';
