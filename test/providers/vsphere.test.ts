// The vSphere provider (CAPV v1.16.1, govmomi mode): its rules mirror CAPV's CRDs and webhooks
// (each rule cites its source in lib/providers/vsphere/), its rendering follows CAPV's default
// cluster template, and its shared objects (identities, deployment zones) render once.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import {
  KUBE_VIP_IMAGE, Manifest, ManagedClusterSpec, planChanges, renderManagedCluster, renderVSphereDeploymentZone, renderVSphereIdentity,
  validateClusterSpec, validateVSphereDeploymentZone, validateVSphereIdentity, VSphereAllowedNamespaces, VSphereClusterSpec, VSphereDeploymentZoneSpec,
  VSphereMachineSpec,
} from '../../lib';
import { pluralOf, readLiveManifests } from '../../lib/io/live';
import { problemsOf } from '../core/fixtures';
import { asServed, startStandIn } from '../plan/standin';
import { installMocks, isSecretEnvelope, settle, valueOf } from '../pulumi/_mocks';

const registered = installMocks();

const THUMBPRINT = '5A:3B:71:0C:9E:44:12:8D:F0:6B:2A:91:C3:77:E5:08:1D:BA:4F:66';
const VSPHERE: VSphereClusterSpec = {
  server: 'vcenter.example.com',
  thumbprint: THUMBPRINT,
  controlPlaneEndpoint: { kubeVip: { address: '10.20.0.10' } },
  template: 'ubuntu-2404-kube-v1.34.1',
  datacenter: 'dc-1',
  network: { devices: [{ networkName: 'k8s-nodes' }] },
};

function vsphereSpec(vsphere: Partial<VSphereClusterSpec> = {}, overrides: Partial<ManagedClusterSpec> = {}): ManagedClusterSpec {
  return {
    name: 'onprem',
    namespace: 'clusters',
    version: 'v1.34.1',
    infrastructure: { vsphere: { ...VSPHERE, ...vsphere } },
    controlPlane: { replicas: 3 },
    workerPools: [{ name: 'general', replicas: 2 }],
    ...overrides,
  };
}

const machine = (vsphere: VSphereMachineSpec) => vsphereSpec({}, { controlPlane: { replicas: 3, machine: { vsphere } }, workerPools: [] });
const problems = (spec: ManagedClusterSpec) => problemsOf(() => renderManagedCluster(spec));
const find = (ms: readonly Manifest[], kind: string) => ms.find(m => m.kind === kind) as any;
const templates = (ms: readonly Manifest[]) => ms.filter(m => m.kind === 'VSphereMachineTemplate') as any[];
const render = (spec: ManagedClusterSpec) => [...renderManagedCluster(spec).manifests];

describe('rendering (as CAPV v1.16.1 templates/cluster-template.yaml)', () => {
  test('the VSphereCluster has the server, thumbprint, identity, the kube-vip address as endpoint and selects its deployment zones', () => {
    const ms = render(vsphereSpec({ identity: { kind: 'Secret', name: 'onprem-vcenter' }, deploymentZones: ['zone-b', 'zone-a'] }));
    const cluster = find(ms, 'VSphereCluster');
    expect(cluster.apiVersion).toBe('infrastructure.cluster.x-k8s.io/v1beta2');
    expect(cluster.spec).toEqual({
      server: 'vcenter.example.com',
      thumbprint: THUMBPRINT,
      controlPlaneEndpoint: { host: '10.20.0.10', port: 6443 },
      identityRef: { kind: 'Secret', name: 'onprem-vcenter' },
      failureDomainSelector: { matchExpressions: [{ key: 'capi-constructs.io/deployment-zone', operator: 'In', values: ['zone-a', 'zone-b'] }] },
    });
    expect(find(ms, 'Cluster').spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'VSphereCluster', name: 'onprem' });
  });

  test('machine templates take the cluster\'s placement and network, CAPV\'s template sizes, a full clone, and no vCenter server or thumbprint', () => {
    const [cp, worker] = templates(render(vsphereSpec({}, { workerPools: [{ name: 'general', machine: { vsphere: { numCPUs: 8, memoryMiB: 32768, datastore: 'fast' } } }] })));
    expect(cp.spec.template.spec).toEqual({
      template: 'ubuntu-2404-kube-v1.34.1', cloneMode: 'fullClone', datacenter: 'dc-1', diskGiB: 25, memoryMiB: 8192, numCPUs: 2, os: 'Linux', powerOffMode: 'trySoft',
      network: { devices: [{ networkName: 'k8s-nodes', dhcp4: true, dhcp6: false }] },
    });
    expect(worker.spec.template.spec).toEqual(expect.objectContaining({ numCPUs: 8, memoryMiB: 32768, datastore: 'fast', datacenter: 'dc-1' }));
  });

  test('a linked clone keeps the template\'s disk; IPAM pools replace DHCP', () => {
    const [t] = templates(render(machine({
      cloneMode: 'linkedClone', snapshot: 'base',
      network: { devices: [{ networkName: 'k8s-nodes', addressesFromPools: [{ apiGroup: 'ipam.cluster.x-k8s.io', kind: 'InClusterIPPool', name: 'nodes' }], nameservers: ['10.20.0.2'] }] },
    })));
    expect(t.spec.template.spec.diskGiB).toBeUndefined();
    expect(t.spec.template.spec).toEqual(expect.objectContaining({ cloneMode: 'linkedClone', snapshot: 'base' }));
    expect(t.spec.template.spec.network.devices).toEqual([{
      networkName: 'k8s-nodes', dhcp4: false, dhcp6: false, nameservers: ['10.20.0.2'],
      addressesFromPools: [{ apiGroup: 'ipam.cluster.x-k8s.io', kind: 'InClusterIPPool', name: 'nodes' }],
    }]);
  });

  test('kubeadm: node name from the VM, external cloud provider, host name commands on every machine', () => {
    const ms = render(vsphereSpec());
    const kcp = find(ms, 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    const kct = find(ms, 'KubeadmConfigTemplate').spec.template.spec;
    for (const registration of [kcp.initConfiguration.nodeRegistration, kcp.joinConfiguration.nodeRegistration, kct.joinConfiguration.nodeRegistration]) {
      expect(registration).toEqual({ name: '{{ local_hostname }}', kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }] });
    }
    expect(kcp.clusterConfiguration.controllerManager.extraArgs).toEqual([{ name: 'cloud-provider', value: 'external' }]);
    expect(kct.preKubeadmCommands).toEqual([
      'hostnamectl set-hostname "{{ ds.meta_data.hostname }}"',
      'echo "::1         ipv6-localhost ipv6-loopback localhost6 localhost6.localdomain6" >/etc/hosts',
      'echo "127.0.0.1   {{ ds.meta_data.hostname }} {{ local_hostname }} localhost localhost.localdomain localhost4 localhost4.localdomain4" >>/etc/hosts',
    ]);
    expect(kct.files).toBeUndefined();
    expect(kcp.preKubeadmCommands.slice(0, 3)).toEqual(kct.preKubeadmCommands);
  });

  test('kube-vip runs as a static pod on control-plane machines only, with the pinned image and the address', () => {
    const kcp = find(render(vsphereSpec()), 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    expect(kcp.files.map((f: any) => [f.path, f.owner, f.permissions])).toEqual([
      ['/etc/kubernetes/manifests/kube-vip.yaml', 'root:root', '0644'],
      ['/etc/kube-vip.hosts', 'root:root', '0644'],
    ]);
    const manifest: string = kcp.files[0].content;
    expect(KUBE_VIP_IMAGE).toBe('ghcr.io/kube-vip/kube-vip:v0.6.4');
    expect(manifest).toContain('image: "ghcr.io/kube-vip/kube-vip:v0.6.4"');
    expect(manifest).toMatch(/- name: address\n\s+value: "10\.20\.0\.10"\n/);
    expect(manifest).toMatch(/- name: vip_cidr\n\s+value: "32"\n/);
    expect(manifest).not.toContain('vip_interface');
    expect(kcp.files[1].content).toBe('127.0.0.1 localhost kubernetes\n');
  });

  test('kubeadm init (only) points kube-vip at super-admin.conf: the sed pattern matches exactly the kubeconfig hostPath line', () => {
    const kcp = find(render(vsphereSpec()), 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    const command: string = kcp.preKubeadmCommands[3];
    expect(command).toBe("if [ -f /run/kubeadm/kubeadm.yaml ]; then sed -i 's#path: /etc/kubernetes/admin.conf#path: /etc/kubernetes/super-admin.conf#' /etc/kubernetes/manifests/kube-vip.yaml; fi");
    const pattern = /path: \/etc\/kubernetes\/admin\.conf/; // sed's pattern, case-sensitive: mountPath does not match
    const lines = (kcp.files[0].content as string).split('\n').filter(l => pattern.test(l));
    expect(lines).toEqual(['        path: /etc/kubernetes/admin.conf']);
  });

  test('an IPv6 address, an interface and an image mirror reach the manifest', () => {
    const kcp = find(render(vsphereSpec({ controlPlaneEndpoint: { kubeVip: { address: 'fd00::10', interface: 'ens192', image: 'registry.example.com/kube-vip:v0.6.4' } } })), 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    expect(kcp.files[0].content).toMatch(/- name: vip_interface\n\s+value: ens192\n/);
    expect(kcp.files[0].content).toMatch(/- name: vip_cidr\n\s+value: "128"\n/);
    expect(kcp.files[0].content).toContain('image: "registry.example.com/kube-vip:v0.6.4"');
  });

  test('an external endpoint writes no kube-vip, and defaults the port to 6443', () => {
    const ms = render(vsphereSpec({ controlPlaneEndpoint: { external: { host: 'api.onprem.example.com' } } }));
    expect(find(ms, 'VSphereCluster').spec.controlPlaneEndpoint).toEqual({ host: 'api.onprem.example.com', port: 6443 });
    const kcp = find(ms, 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    expect(kcp.files).toBeUndefined();
    expect(kcp.preKubeadmCommands).toHaveLength(3);
    const other = render(vsphereSpec({ controlPlaneEndpoint: { external: { host: '10.20.0.11', port: 443 } } }));
    expect(find(other, 'VSphereCluster').spec.controlPlaneEndpoint).toEqual({ host: '10.20.0.11', port: 443 });
  });

  test('the provider\'s commands come before the user\'s, and a user file at a kube-vip path is an error', () => {
    const kcp = find(render(vsphereSpec({}, { controlPlane: { replicas: 3, preKubeadmCommands: ['echo mine'] } })), 'KubeadmControlPlane').spec.kubeadmConfigSpec;
    expect(kcp.preKubeadmCommands.at(-1)).toBe('echo mine');
    expect(problems(vsphereSpec({}, { controlPlane: { replicas: 3, files: [{ path: '/etc/kubernetes/manifests/kube-vip.yaml', content: 'x' }] } }))).toEqual([
      'controlPlane.files[0].path: the vsphere provider writes this file on control-plane machines',
    ]);
  });

  test('a cloud-provider flag other than external is refused, as the AWS provider\'s', () => {
    expect(problems(vsphereSpec({}, { workerPools: [{ name: 'general', kubeletExtraArgs: { 'cloud-provider': 'vsphere' } }] }))).toEqual([
      "workerPools[0].kubeletExtraArgs.cloud-provider: the vsphere provider needs cloud-provider=external: CAPV machines run with the external vSphere cloud controller manager, which sets each node's providerID; without it Machines never get a nodeRef",
    ]);
    expect(problems(vsphereSpec({}, { workerPools: [{ name: 'general', kubeletExtraArgs: { 'cloud-provider': 'external' } }] }))).toEqual([]);
  });
});

describe('cluster rules', () => {
  test('server, thumbprint (SHA-1 or SHA-256, uppercase) and identity', () => {
    expect(problems(vsphereSpec({ server: 'https://vcenter.example.com/sdk', thumbprint: THUMBPRINT.toLowerCase(), identity: { kind: 'Password' as never, name: 'Bad_Name' } }))).toEqual([
      'infrastructure.vsphere.server: must be the vCenter address: an IP address or a DNS name of at most 1024 characters',
      'infrastructure.vsphere.thumbprint: must be written in uppercase hex: govmomi compares it as text with the uppercase fingerprint of the certificate',
      'infrastructure.vsphere.identity.kind: unknown identity kind',
      'infrastructure.vsphere.identity.name: must be the name of the VSphereClusterIdentity or Secret (a DNS-1123 subdomain)',
    ]);
    expect(problems(vsphereSpec({ thumbprint: undefined as never }))).toEqual([
      "infrastructure.vsphere.thumbprint: is required: without it CAPV does not verify vCenter's TLS certificate",
    ]);
    expect(problems(vsphereSpec({ thumbprint: 'AB:CD' }))).toEqual([
      "infrastructure.vsphere.thumbprint: must be the SHA-1 or SHA-256 fingerprint of vCenter's TLS certificate, as colon-separated uppercase hex",
    ]);
    const sha256 = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(':');
    expect(problems(vsphereSpec({ server: '10.0.0.5', thumbprint: sha256, identity: { kind: 'VSphereClusterIdentity', name: 'platform' } }))).toEqual([]);
  });

  test('exactly one endpoint; the VIP is an IP address or DNS name, the external port 1 to 65535', () => {
    expect(problems(vsphereSpec({ controlPlaneEndpoint: {} }))).toEqual([
      'infrastructure.vsphere.controlPlaneEndpoint: the control plane needs an endpoint',
    ]);
    expect(problems(vsphereSpec({ controlPlaneEndpoint: { kubeVip: { address: '10.0.0.1' }, external: { host: 'x.example.com' } } }))).toEqual([
      'infrastructure.vsphere.controlPlaneEndpoint: kubeVip and external are mutually exclusive',
    ]);
    expect(problems(vsphereSpec({ controlPlaneEndpoint: { kubeVip: { address: '10.0.0.300', interface: 'eth0/1', image: '' } } }))).toEqual([
      'infrastructure.vsphere.controlPlaneEndpoint.kubeVip.address: must be the virtual IP of the API servers: an IP address or a DNS name of at most 512 characters',
      'infrastructure.vsphere.controlPlaneEndpoint.kubeVip.interface: must be a Linux network interface name (1 to 15 characters, no "/", ":" or spaces)',
      'infrastructure.vsphere.controlPlaneEndpoint.kubeVip.image: must be a non-empty string',
    ]);
    expect(problems(vsphereSpec({ controlPlaneEndpoint: { external: { host: 'api.example.com:6443', port: 70000 } } }))).toEqual([
      'infrastructure.vsphere.controlPlaneEndpoint.external.host: must be the address of the API servers: an IP address or a DNS name of at most 512 characters',
      'infrastructure.vsphere.controlPlaneEndpoint.external.port: must be an integer from 1 to 65535',
    ]);
    expect(problems(vsphereSpec({ controlPlaneEndpoint: { kubeVip: { address: 'api.onprem.example.com' } } }))).toEqual([]);
  });

  test('template and network are required; devices need a network name and an address source; pools follow the CRD patterns', () => {
    expect(problems(vsphereSpec({ template: undefined as never, network: undefined as never }))).toEqual([
      'infrastructure.vsphere.template: must be a non-empty string',
      'infrastructure.vsphere.network: the machines need a network',
    ]);
    expect(problems(vsphereSpec({
      network: {
        devices: [
          { networkName: '', dhcp4: false },
          { networkName: 'n', addressesFromPools: [{ apiGroup: 'IPAM', kind: '1pool', name: 'Nodes' }], nameservers: ['dns.example.com'], mtu: 10 },
        ],
      },
    }))).toEqual([
      'infrastructure.vsphere.network.devices[0].networkName: must be a non-empty string',
      'infrastructure.vsphere.network.devices[0]: the device gets no address: DHCP is off and no IPAM pool is given',
      'infrastructure.vsphere.network.devices[1].mtu: must be an integer from 68 to 65535',
      'infrastructure.vsphere.network.devices[1].addressesFromPools[0].name: must be a DNS-1123 subdomain',
      'infrastructure.vsphere.network.devices[1].addressesFromPools[0].kind: must be a kind',
      'infrastructure.vsphere.network.devices[1].addressesFromPools[0].apiGroup: must be an API group',
      'infrastructure.vsphere.network.devices[1].nameservers[0]: must be an IP address',
    ]);
    expect(problems(vsphereSpec({ network: { devices: [] } }))).toEqual(['infrastructure.vsphere.network.devices: a machine needs 1 to 128 network devices']);
  });

  test('a pool\'s failure domain must be one of the cluster\'s deployment zones', () => {
    expect(problems(vsphereSpec({}, { workerPools: [{ name: 'general', failureDomain: 'zone-a' }] }))).toEqual([
      'workerPools[0].failureDomain: the VSphereCluster uses no deployment zones, so no machine could be placed in this one',
    ]);
    expect(problems(vsphereSpec({ deploymentZones: ['zone-a', 'zone-a', 'Zone_B'] }, { workerPools: [{ name: 'general', failureDomain: 'zone-c' }] }))).toEqual([
      'infrastructure.vsphere.deploymentZones[1]: duplicate deployment zone',
      'infrastructure.vsphere.deploymentZones[2]: must be a DNS-1123 subdomain of at most 63 characters (it is the value of the zone label the cluster selects zones by)',
      'workerPools[0].failureDomain: is not a deployment zone of the cluster',
    ]);
    expect(problems(vsphereSpec({ deploymentZones: ['zone-a', 'zone-b'] }, { workerPools: [{ name: 'web', failureDomains: ['zone-a', 'zone-b'] }] }))).toEqual([]);
  });

  test('a misspelled property is an error', () => {
    const issues = validateClusterSpec(vsphereSpec({ thumbprnt: THUMBPRINT } as never, { controlPlane: { replicas: 3, machine: { vsphere: { numCPU: 4 } as never } } }));
    expect(issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'infrastructure.vsphere.thumbprnt: unknown property: did you mean "thumbprint"?',
      'controlPlane.machine.vsphere.numCPU: unknown property: did you mean "numCPUs"?',
    ]);
  });
});

describe('machine rules (CAPV v1.16.1 CRD minimums, internal/webhooks/vspheremachinetemplate.go, vcenter/clone.go)', () => {
  test('CPU, memory and disk minimums, enums', () => {
    expect(problems(machine({ numCPUs: 1, memoryMiB: 0, diskGiB: 1.5, cloneMode: 'instantClone' as never, powerOffMode: 'off' as never, template: '' }))).toEqual([
      'controlPlane.machine.vsphere.template: must be a non-empty string',
      'controlPlane.machine.vsphere.numCPUs: must be an integer >= 2',
      'controlPlane.machine.vsphere.memoryMiB: must be an integer >= 1',
      'controlPlane.machine.vsphere.diskGiB: must be an integer >= 1',
      'controlPlane.machine.vsphere.cloneMode: unknown clone mode',
      'controlPlane.machine.vsphere.powerOffMode: unknown power off mode',
    ]);
  });

  test('a linked clone cannot resize the disk, a snapshot needs a linked clone (stricter than CAPV, which ignores both)', () => {
    expect(problems(machine({ cloneMode: 'linkedClone', diskGiB: 40 }))).toEqual([
      'controlPlane.machine.vsphere.diskGiB: a linked clone keeps the disk size of the template: CAPV ignores diskGiB',
    ]);
    expect(problems(machine({ snapshot: 'base' }))).toEqual(['controlPlane.machine.vsphere.snapshot: a snapshot is only used by a linked clone']);
  });

  test('hardware version pattern and the soft power-off timeout rule of the webhook', () => {
    expect(problems(machine({ hardwareVersion: '17', guestSoftPowerOffTimeoutSeconds: 60, powerOffMode: 'hard' }))).toEqual([
      'controlPlane.machine.vsphere.hardwareVersion: should be a valid VM hardware version',
      'controlPlane.machine.vsphere.guestSoftPowerOffTimeoutSeconds: should not be set in templates unless the powerOffMode is trySoft',
    ]);
    expect(problems(machine({ hardwareVersion: 'vmx-17', guestSoftPowerOffTimeoutSeconds: 60 }))).toEqual([]);
  });

  test('no machine capacity is reported: a pool that may scale from zero must give cpu and memory', () => {
    const issues = problems(vsphereSpec({}, { workerPools: [{ name: 'batch', autoscaling: { min: 0, max: 3 } }] }));
    expect(issues).toEqual([expect.stringMatching(/^workerPools\[0\]\.autoscaling\.capacity/)]);
    expect(problems(vsphereSpec({}, { workerPools: [{ name: 'batch', autoscaling: { min: 0, max: 3, capacity: { cpu: '2', memory: '8Gi' } } }] }))).toEqual([]);
  });
});

describe('immutable templates and the plan', () => {
  test('a machine change renames that template only; a cluster placement change renames them all; a thumbprint change renames none', () => {
    const names = (spec: ManagedClusterSpec) => templates(render(spec)).map(t => t.metadata.name);
    const base = names(vsphereSpec());
    expect(base).toEqual([expect.stringMatching(/^onprem-control-plane-[0-9a-f]{8}$/), expect.stringMatching(/^onprem-general-[0-9a-f]{8}$/)]);
    const bigger = names(vsphereSpec({}, { workerPools: [{ name: 'general', replicas: 2, machine: { vsphere: { memoryMiB: 16384 } } }] }));
    expect(bigger[0]).toBe(base[0]);
    expect(bigger[1]).not.toBe(base[1]);
    const moved = names(vsphereSpec({ template: 'ubuntu-2404-kube-v1.34.2' }));
    expect(moved.every((n, i) => n !== base[i])).toBe(true);
    expect(names(vsphereSpec({ thumbprint: THUMBPRINT.replace('5A', '5B') }))).toEqual(base);
  });

  test('the plan rolls the pool whose template changed, and calls a server or endpoint change a danger', () => {
    const before = render(vsphereSpec());
    const [pool] = planChanges(before, render(vsphereSpec({}, { workerPools: [{ name: 'general', replicas: 2, machine: { vsphere: { numCPUs: 4 } } }] }))).clusters;
    expect(pool.rollouts.map(r => r.target)).toEqual([expect.stringContaining('general')]);
    const [moved] = planChanges(before, render(vsphereSpec({ server: 'vcenter2.example.com', controlPlaneEndpoint: { kubeVip: { address: '10.20.0.11' } } }))).clusters;
    expect(moved.dangers.map(d => d.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^spec\.server changes on a running VSphereCluster \(vcenter\.example\.com → vcenter2\.example\.com\): the API server accepts it, but the cluster's machines stay on the old vCenter/),
      expect.stringMatching(/^spec\.controlPlaneEndpoint changes on a running VSphereCluster .*: the API server accepts it, but CAPI keeps the endpoint/),
    ]));
  });

  test('the live reader lists the vSphere kinds at the version of the desired manifests', async () => {
    const desired = render(vsphereSpec());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsphere-live-'));
    const standIn = await startStandIn(desired.map(m => asServed(m as never)), { dir });
    try {
      await readLiveManifests(desired as never, { kubeconfig: standIn.kubeconfig, context: 'management' });
      expect(standIn.requests.map(r => r.url)).toEqual(expect.arrayContaining([
        '/apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/clusters/vsphereclusters?limit=500',
        '/apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/clusters/vspheremachinetemplates?limit=500',
      ]));
    } finally {
      await standIn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(pluralOf('VSphereClusterIdentity')).toBe('vsphereclusteridentities');
  });
});

test('a spec that differs from a Dev one only in its provider sections renders the same control plane and pools', () => {
  const common: Omit<ManagedClusterSpec, 'infrastructure'> = {
    name: 'same', namespace: 'clusters', version: 'v1.34.1',
    controlPlane: { replicas: 3, nodeLabels: { 'example.com/tier': 'cp' } },
    workerPools: [
      { name: 'general', replicas: 2, taints: [{ key: 'a', value: 'b', effect: 'NoSchedule' }] },
      { name: 'batch', autoscaling: { min: 1, max: 4 }, healthCheck: {} },
    ],
  };
  const shape = (ms: readonly Manifest[]) => ms.map(m => {
    const spec: any = (m as any).spec;
    const kubeadm = m.kind === 'KubeadmControlPlane' ? { ...spec, kubeadmConfigSpec: undefined, machineTemplate: undefined } : m.kind === 'MachineDeployment' ? { ...spec, template: undefined } : undefined;
    return [m.kind.replace(/^(Dev|VSphere)/, 'Infra'), m.metadata.name.replace(/-[0-9a-f]{8}$/, ''), kubeadm];
  });
  const dev = renderManagedCluster({ ...common, infrastructure: { dev: {} } });
  const vsphere = renderManagedCluster({ ...common, infrastructure: { vsphere: VSPHERE } });
  expect(vsphere.roles).toEqual(dev.roles);
  expect(shape(vsphere.manifests)).toEqual(shape(dev.manifests));
});

describe('shared objects: identities and deployment zones (emitted once)', () => {
  const zone: VSphereDeploymentZoneSpec = {
    name: 'zone-a',
    server: 'vcenter.example.com',
    region: { name: 'region-1', type: 'Datacenter', tagCategory: 'k8s-region' },
    zone: { name: 'zone-a', type: 'ComputeCluster', tagCategory: 'k8s-zone' },
    topology: { datacenter: 'dc-1', computeCluster: 'cluster-a' },
    clusterNames: ['onprem'],
  };

  test('an identity names a Secret and the namespaces that may use it; CAPV lets none without allowedNamespaces', () => {
    expect(renderVSphereIdentity({ name: 'platform', secretName: 'platform-creds', allowedNamespaces: VSphereAllowedNamespaces.names('clusters'), clusterNames: ['onprem', 'onprem'] })).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'VSphereClusterIdentity',
      metadata: { name: 'platform', annotations: { 'capi-constructs.io/clusters': 'onprem' } },
      spec: { secretName: 'platform-creds', allowedNamespaces: { selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['clusters'] }] } } },
    });
    expect((renderVSphereIdentity({ name: 'p', secretName: 's', allowedNamespaces: VSphereAllowedNamespaces.all() }).spec as any).allowedNamespaces).toEqual({ selector: {} });
    expect((renderVSphereIdentity({ name: 'p', secretName: 's' }).spec as any).allowedNamespaces).toBeUndefined();
    expect(validateVSphereIdentity({ name: 'Bad', secretName: '', allowedNamespaces: VSphereAllowedNamespaces.names(), clusterNames: ['X'] }).map(i => `${i.path}: ${i.message}`)).toEqual([
      'name: must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)',
      'secretName: must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)',
      'allowedNamespaces.names: an empty namespace list lets no namespace use the identity; name at least one namespace, or leave allowedNamespaces out if none is meant.',
      "clusterNames[0]: must be a cluster's metadata.name (a DNS-1123 label)",
    ]);
  });

  test('a deployment zone renders its failure domain and the zone, labelled for the clusters\' selector', () => {
    const [fd, dz] = renderVSphereDeploymentZone(zone);
    expect(fd).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'VSphereFailureDomain',
      metadata: { name: 'zone-a', annotations: { 'capi-constructs.io/clusters': 'onprem' } },
      spec: { region: zone.region, zone: zone.zone, topology: { datacenter: 'dc-1', computeCluster: 'cluster-a' } },
    });
    expect(dz).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'VSphereDeploymentZone',
      metadata: { name: 'zone-a', labels: { 'capi-constructs.io/deployment-zone': 'zone-a' }, annotations: { 'capi-constructs.io/clusters': 'onprem' } },
      spec: { server: 'vcenter.example.com', failureDomain: 'zone-a', controlPlane: true },
    });
  });

  test('the failure domain webhook\'s rules (CAPV v1.16.1 internal/webhooks/vspherefailuredomain.go)', () => {
    const issues = (spec: Partial<VSphereDeploymentZoneSpec>) => validateVSphereDeploymentZone({ ...zone, ...spec }).map(i => `${i.path}: ${i.message}`);
    expect(issues({ region: { ...zone.region, type: 'HostGroup' }, zone: { ...zone.zone, type: 'HostGroup' }, topology: { datacenter: 'dc-1' } })).toEqual([
      "region.type: region's failure domain type cannot be HostGroup",
      "topology.hosts: cannot be empty if zone's failure domain type is HostGroup",
    ]);
    expect(issues({ topology: { datacenter: 'dc-1', hosts: { vmGroupName: 'vms', hostGroupName: 'hosts' } } })).toEqual([
      'topology.computeCluster: cannot be empty if hosts is not empty',
      "topology.computeCluster: cannot be empty if zone's failure domain type is ComputeCluster",
    ]);
    expect(issues({ name: 'Zone A', server: '', topology: { datacenter: '' }, region: { ...zone.region, type: 'ComputeCluster' } })).toEqual([
      'name: must be a DNS-1123 subdomain of at most 63 characters (it is the value of the zone label the cluster selects zones by)',
      'server: the vCenter address is required',
      'topology.datacenter: must be a non-empty string',
      "topology.computeCluster: cannot be empty if region's failure domain type is ComputeCluster",
      "topology.computeCluster: cannot be empty if zone's failure domain type is ComputeCluster",
    ]);
  });

  test('cdk8s: the constructs emit the same objects and refuse bad specs with the construct path', async () => {
    const { VSphereIdentity, VSphereDeploymentZone } = await import('../../lib/cdk8s');
    const chart = Testing.chart();
    const identity = new VSphereIdentity(chart, 'platform', { secretName: 'platform-creds' });
    const z = new VSphereDeploymentZone(chart, 'zone-a', { ...zone, name: undefined });
    expect(identity.identityRef).toEqual({ kind: 'VSphereClusterIdentity', name: 'platform' });
    expect(z.zoneName).toBe('zone-a');
    expect(Testing.synth(chart)).toEqual([renderVSphereIdentity({ name: 'platform', secretName: 'platform-creds' }), ...renderVSphereDeploymentZone(zone)]);
    expect(() => new VSphereDeploymentZone(Testing.chart(), 'bad', { ...zone, name: undefined, region: { ...zone.region, type: 'HostGroup' } }))
      .toThrow(/VSphereDeploymentZone \[.*bad\].*\n.*region\.type: region's failure domain type cannot be HostGroup/);
  });

  test('Pulumi: the identity creates its Secret from Pulumi secrets, in capv-system; the zone its two objects', async () => {
    const { VSphereIdentity, VSphereDeploymentZone } = await import('../../lib/pulumi');
    const before = registered.length;
    const identity = new VSphereIdentity('platform', { username: pulumi.secret('capv@vsphere.local'), password: pulumi.secret('s3cret-Passw0rd'), allowedNamespaces: VSphereAllowedNamespaces.all() });
    new VSphereDeploymentZone('zone-a', { ...zone });
    await settle(registered);
    const mine = registered.slice(before);
    const secret = mine.find(r => r.type === 'kubernetes:core/v1:Secret')!;
    expect(secret.inputs.metadata).toEqual(expect.objectContaining({ name: 'platform-credentials', namespace: 'capv-system' }));
    expect(isSecretEnvelope(secret.rawInputs.stringData)).toBe(true);
    expect(JSON.stringify(mine.filter(r => r !== secret).map(r => r.rawInputs)).includes('s3cret-Passw0rd')).toBe(false);
    expect(mine.find(r => r.type.endsWith(':VSphereClusterIdentity'))!.inputs.spec).toEqual({ secretName: 'platform-credentials', allowedNamespaces: { selector: {} } });
    expect(mine.filter(r => r.type.startsWith('kubernetes:infrastructure')).map(r => r.type.split(':').pop()).sort()).toEqual(['VSphereClusterIdentity', 'VSphereDeploymentZone', 'VSphereFailureDomain']);
    expect(await valueOf(pulumi.output(identity.identityRef))).toEqual({ kind: 'VSphereClusterIdentity', name: 'platform' });
    expect(() => new VSphereIdentity('bad', { username: '', password: pulumi.secret('x') })).toThrow(/username: username is required/);
  });

  test('Pulumi: ManagedCluster takes an Output for the external endpoint host and renders what the plain value renders', async () => {
    const { ManagedCluster, planClusterResources } = await import('../../lib/pulumi');
    const plain = vsphereSpec({ controlPlaneEndpoint: { external: { host: 'api.onprem.example.com' } } }, { name: 'onprem-pulumi' });
    const args = { ...plain, infrastructure: { vsphere: { ...plain.infrastructure.vsphere!, controlPlaneEndpoint: { external: { host: pulumi.output('api.onprem.example.com') } } } } };
    const cluster = new ManagedCluster('onprem-pulumi', args);
    expect(await valueOf(cluster.manifests)).toEqual(renderManagedCluster(plain).manifests);
    expect(planClusterResources('onprem-pulumi', args).resources.filter(r => r.inputs.length > 0).map(r => r.manifest.kind)).toEqual(['VSphereCluster']);
    const vip = { ...plain, infrastructure: { vsphere: { ...plain.infrastructure.vsphere!, controlPlaneEndpoint: { kubeVip: { address: pulumi.output('10.0.0.1') as never } } } } };
    expect(() => planClusterResources('onprem-pulumi', vip)).toThrow(/controlPlaneEndpoint\.kubeVip\.address: a Pulumi Output or Promise is not allowed here/);
  });
});
