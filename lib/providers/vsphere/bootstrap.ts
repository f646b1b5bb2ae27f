/**
 * What the vSphere provider writes on machines, as CAPV v1.16.1's default cluster template
 * (templates/cluster-template.yaml) does: the host name and `/etc/hosts` from the VM's metadata
 * on every machine, and kube-vip as a static pod on control-plane machines when the endpoint is
 * a kube-vip address. The static pod manifest is written here, with CAPV's settings.
 */
import { MachineBootstrapContext, ProviderMachineBootstrap } from '../../core/provider';
import { KubeadmFile } from '../../core/spec/kubeadm';
import { parseCidr } from '../../support/cidr';
import { yamlDocument } from '../../support/yaml-writer';
import { VSphereClusterSpec, VSphereKubeVipSpec } from './spec';

/** The kube-vip image CAPV v1.16.1's templates pin (templates/cluster-template.yaml). */
export const KUBE_VIP_IMAGE = 'ghcr.io/kube-vip/kube-vip:v0.6.4';
/** The API server port behind the virtual IP: kubeadm's default bind port, which kube-vip's `port` matches. */
export const KUBE_VIP_PORT = 6443;

export const KUBE_VIP_MANIFEST_PATH = '/etc/kubernetes/manifests/kube-vip.yaml';
const KUBE_VIP_HOSTS_PATH = '/etc/kube-vip.hosts';
const ADMIN_KUBECONFIG = '/etc/kubernetes/admin.conf';
const SUPER_ADMIN_KUBECONFIG = '/etc/kubernetes/super-admin.conf';
/** Written by CABPK on the machine that runs `kubeadm init` only (joining machines get kubeadm-join-config.yaml). */
const KUBEADM_INIT_CONFIG = '/run/kubeadm/kubeadm.yaml';

/**
 * Sets the host name from the VM's metadata and writes `/etc/hosts` with it, so the node name
 * (`{{ local_hostname }}`) resolves (CAPV's template's preKubeadmCommands).
 */
export const HOSTNAME_COMMANDS: readonly string[] = [
  'hostnamectl set-hostname "{{ ds.meta_data.hostname }}"',
  'echo "::1         ipv6-localhost ipv6-loopback localhost6 localhost6.localdomain6" >/etc/hosts',
  'echo "127.0.0.1   {{ ds.meta_data.hostname }} {{ local_hostname }} localhost localhost.localdomain localhost4 localhost4.localdomain4" >>/etc/hosts',
];

export function vsphereMachineBootstrap(spec: VSphereClusterSpec, { role, version }: MachineBootstrapContext): ProviderMachineBootstrap {
  const kubeVip = spec.controlPlaneEndpoint?.kubeVip;
  if (role !== 'control-plane' || !kubeVip) return { preKubeadmCommands: HOSTNAME_COMMANDS };
  return {
    files: kubeVipFiles(kubeVip),
    preKubeadmCommands: [...HOSTNAME_COMMANDS, ...(needsSuperAdmin(version) ? [SUPER_ADMIN_ON_INIT] : [])],
  };
}

/**
 * From Kubernetes v1.29, `kubeadm init` gives admin.conf its rights only once the API server
 * is up, which needs the virtual IP kube-vip would announce with admin.conf: kube-vip uses
 * super-admin.conf on the first machine instead (kube-vip/kube-vip#684, as CAPV's template's
 * 50-kube-vip-prepare.sh). Joining machines keep admin.conf, which kubeadm join writes.
 */
const SUPER_ADMIN_ON_INIT = `if [ -f ${KUBEADM_INIT_CONFIG} ]; then sed -i 's#path: ${ADMIN_KUBECONFIG}#path: ${SUPER_ADMIN_KUBECONFIG}#' ${KUBE_VIP_MANIFEST_PATH}; fi`;

function needsSuperAdmin(version: string): boolean {
  const minor = /^v1\.(\d+)\./.exec(version);
  return minor === null || Number(minor[1]) >= 29;
}

function kubeVipFiles(kubeVip: VSphereKubeVipSpec): KubeadmFile[] {
  const ipv6 = parseCidr(`${kubeVip.address}/128`)?.family === 'ipv6';
  const env: Record<string, string> = {
    vip_arp: 'true',
    port: String(KUBE_VIP_PORT),
    ...(kubeVip.interface ? { vip_interface: kubeVip.interface } : {}),
    vip_cidr: ipv6 ? '128' : '32',
    cp_enable: 'true',
    cp_namespace: 'kube-system',
    vip_ddns: 'false',
    svc_enable: 'true',
    svc_leasename: 'plndr-svcs-lock',
    svc_election: 'true',
    vip_leaderelection: 'true',
    vip_leasename: 'plndr-cp-lock',
    vip_leaseduration: '15',
    vip_renewdeadline: '10',
    vip_retryperiod: '2',
    address: kubeVip.address,
    prometheus_server: ':2112',
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-vip', namespace: 'kube-system' },
    spec: {
      containers: [{
        name: 'kube-vip',
        image: kubeVip.image ?? KUBE_VIP_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        args: ['manager'],
        env: Object.entries(env).map(([name, value]) => ({ name, value })),
        securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
        volumeMounts: [{ name: 'kubeconfig', mountPath: ADMIN_KUBECONFIG }, { name: 'etchosts', mountPath: '/etc/hosts' }],
      }],
      hostNetwork: true,
      volumes: [
        { name: 'kubeconfig', hostPath: { path: ADMIN_KUBECONFIG } },
        // kube-vip resolves `kubernetes` to this machine, not through the cluster's DNS.
        { name: 'etchosts', hostPath: { path: KUBE_VIP_HOSTS_PATH, type: 'File' } },
      ],
    },
  };
  return [
    { path: KUBE_VIP_MANIFEST_PATH, content: yamlDocument(pod), owner: 'root:root', permissions: '0644' },
    { path: KUBE_VIP_HOSTS_PATH, content: '127.0.0.1 localhost kubernetes\n', owner: 'root:root', permissions: '0644' },
  ];
}
