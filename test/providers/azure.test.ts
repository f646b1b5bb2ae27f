// The Azure provider (CAPZ v1.26.0): rules that mirror CAPZ's webhooks (each cites its source in
// lib/providers/azure/validate.ts), rendering as CAPZ's default template, immutable templates,
// the identity, and the plan's facts. Messages are asserted exactly.
import { Testing } from 'cdk8s';
import { AllowedNamespaces, AzureMachineSpec, Manifest, ManagedClusterSpec, renderAzureClusterIdentity, renderManagedCluster, validateAzureClusterIdentity } from '../../lib';
import { planChanges } from '../../lib/plan/plan';
import { problemsOf } from '../core/fixtures';
import { AWS_CLUSTER, AZURE_CLUSTER, DEV_CLUSTER } from '../fixtures/clusters';

// Public keys made with ssh-keygen for these tests (ed25519, RSA 2048, RSA 1024, ECDSA P-256).
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFPMxIqEzjvvHdzDx1fDxinm3pgMNoHTPYqcD4PbCngv ops@example';
const RSA_2048 = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDEX/T1c6La4R4kd7iuIbO2ZG3IzpsO5QnPZM91NViOfrqkzFS4nfCI4PrYyMHwy8atNQDyXmZzcCexSodTZDia5eP5Y7kLKrQQ3NzQ+NKTLl5w+pd6+m3ZcslfwJC05I66IT4VTRe/8NDDVuPrkDUFqiybdR/70oYJ8zoQBib8zbC3mibAcUW2xOSbA0wE/X6xEZcwNPhqmTgVs9OtdckZenYcbmjnO+OoIVKVVh8bmW6JdmwvsaH+Rbvh2nefrub4FOTjYnd+9+iLvS88e32Dw4/qVyQdOxh+csnc5RfBr+9dUA5LhDB5vpaMSZWvbBVEiAtsNLinmcEF56g7RyjP rsa@example';
const RSA_1024 = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC3CfenVkJXY7O8DtgfsWfPOhtbQx8dAGqvsGoJ85fbT13wrFt0yrhNTItw/7BAIlYByXrZVsfMAzKJDF9nLseA2+mlAm6FAGrD1b02sK+2iilfKa43T344iza6brwXm+EnJQir70IZrQYtlagLfJWDvaYOSFOTabvTqEEF4TR1Pw== short';
const ECDSA = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBH6lKhOoFwbvLW/capB7xlWwKxn+NzgGkqp723d2maA1LPoZLffh6nbf3Jul1Hu0LUniwNBdB2c9LkgTtu3bTNY= ec';

const SUBSCRIPTION = '3f2c1b0a-9d8e-4c7b-a6f5-e4d3c2b1a098';
type AzureSection = NonNullable<ManagedClusterSpec['infrastructure']['azure']>;

const azureSpec = (azure: Partial<AzureSection> = {}, rest: Partial<ManagedClusterSpec> = {}): ManagedClusterSpec => ({
  name: 'az-1',
  namespace: 'clusters',
  version: 'v1.34.1',
  infrastructure: { azure: { subscriptionId: SUBSCRIPTION, location: 'westeurope', identity: { name: 'platform' }, ...azure } },
  controlPlane: { replicas: 3 },
  workerPools: [{ name: 'general', replicas: 2 }],
  ...rest,
});
const machine = (azure: AzureMachineSpec) => azureSpec({}, { controlPlane: { replicas: 3, machine: { azure } }, workerPools: [] });
const problems = (spec: ManagedClusterSpec) => problemsOf(() => renderManagedCluster(spec));
const manifests = (spec: ManagedClusterSpec) => renderManagedCluster(spec).manifests;
const azureCluster = (ms: readonly Manifest[]) => ms.find(m => m.kind === 'AzureCluster') as any;
const templates = (ms: readonly Manifest[]) => ms.filter(m => m.kind === 'AzureMachineTemplate') as any[];

describe('rendering, as CAPZ v1.26.0 templates/cluster-template.yaml', () => {
  test('the AzureCluster and the machine templates are served at v1beta1, with the default flavor\'s network', () => {
    const ms = manifests(azureSpec());
    expect(ms.filter(m => m.kind.startsWith('Azure')).map(m => `${m.apiVersion} ${m.kind}`)).toEqual([
      'infrastructure.cluster.x-k8s.io/v1beta1 AzureCluster', 'infrastructure.cluster.x-k8s.io/v1beta1 AzureMachineTemplate', 'infrastructure.cluster.x-k8s.io/v1beta1 AzureMachineTemplate',
    ]);
    expect(azureCluster(ms).spec).toEqual({
      subscriptionID: SUBSCRIPTION,
      location: 'westeurope',
      resourceGroup: 'az-1',
      identityRef: { apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', kind: 'AzureClusterIdentity', name: 'platform' },
      networkSpec: {
        vnet: { name: 'az-1-vnet', resourceGroup: 'az-1' },
        subnets: [{ name: 'control-plane-subnet', role: 'control-plane' }, { name: 'node-subnet', role: 'node' }],
        apiServerLB: { type: 'Public', name: 'az-1-public-lb' },
      },
    });
    expect((ms.find(m => m.kind === 'Cluster') as any).spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AzureCluster', name: 'az-1' });
    expect(templates(ms).map(t => t.spec.template.spec)).toEqual([
      { vmSize: 'Standard_D2s_v3', osDisk: { osType: 'Linux', diskSizeGB: 128 } },
      { vmSize: 'Standard_D2s_v3', osDisk: { osType: 'Linux', diskSizeGB: 128 } },
    ]);
  });

  test('an existing network and an internal load balancer with its private IP', () => {
    expect(azureCluster(manifests(AZURE_CLUSTER)).spec.networkSpec).toEqual({
      vnet: { name: 'shared-vnet', resourceGroup: 'network-rg', cidrBlocks: ['10.20.0.0/16'] },
      subnets: [
        { name: 'prod-weu-1-cp', role: 'control-plane', cidrBlocks: ['10.20.0.0/24'] },
        { name: 'prod-weu-1-nodes', role: 'node', cidrBlocks: ['10.20.16.0/20'] },
      ],
      apiServerLB: { type: 'Internal', name: 'prod-weu-1-internal-lb', frontendIPs: [{ name: 'prod-weu-1-internal-lb-frontEnd', privateIP: '10.20.0.10' }] },
    });
  });

  test('every machine setting lands in the template; the SSH key is written base64-encoded', () => {
    const [t] = templates(manifests(machine({
      vmSize: 'Standard_D4s_v5',
      image: { computeGallery: { gallery: 'platform', name: 'ubuntu-2404', version: '1.34.1', subscriptionId: SUBSCRIPTION, resourceGroup: 'images' } },
      osDisk: { sizeGiB: 64, storageAccountType: 'Premium_LRS', cachingType: 'ReadWrite' },
      dataDisks: [{ nameSuffix: 'etcddisk', sizeGiB: 256, lun: 0 }, { nameSuffix: 'scratch', sizeGiB: 512, lun: 1, storageAccountType: 'UltraSSD_LRS', cachingType: 'None' }],
      sshPublicKey: `${ED25519}\n`,
      identity: 'UserAssigned',
      userAssignedIdentities: [`/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cloud-provider`],
      spot: { maxPrice: '0.05', evictionPolicy: 'Delete' },
      additionalTags: { team: 'platform' },
    })));
    expect(t.spec.template.spec).toEqual({
      vmSize: 'Standard_D4s_v5',
      image: { computeGallery: { gallery: 'platform', name: 'ubuntu-2404', version: '1.34.1', subscriptionID: SUBSCRIPTION, resourceGroup: 'images' } },
      osDisk: { osType: 'Linux', diskSizeGB: 64, managedDisk: { storageAccountType: 'Premium_LRS' }, cachingType: 'ReadWrite' },
      dataDisks: [
        { nameSuffix: 'etcddisk', diskSizeGB: 256, lun: 0 },
        { nameSuffix: 'scratch', diskSizeGB: 512, lun: 1, managedDisk: { storageAccountType: 'UltraSSD_LRS' }, cachingType: 'None' },
      ],
      sshPublicKey: Buffer.from(ED25519).toString('base64'),
      identity: 'UserAssigned',
      userAssignedIdentities: [{ providerID: `/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cloud-provider` }],
      spotVMOptions: { maxPrice: '0.05', evictionPolicy: 'Delete' },
      additionalTags: { team: 'platform' },
    });
    expect(templates(manifests(machine({ image: { marketplace: { publisher: 'cncf-upstream', offer: 'capi', sku: 'ubuntu-2404-gen1', version: '134.1.20260901' } } })))[0].spec.template.spec.image)
      .toEqual({ marketplace: { publisher: 'cncf-upstream', offer: 'capi', sku: 'ubuntu-2404-gen1', version: '134.1.20260901' } });
    expect(templates(manifests(machine({ image: { id: '/subscriptions/x/resourceGroups/images/providers/Microsoft.Compute/images/node' } })))[0].spec.template.spec.image)
      .toEqual({ id: '/subscriptions/x/resourceGroups/images/providers/Microsoft.Compute/images/node' });
  });

  test('azure.json comes from the Secret CAPZ creates for each machine template, with the role\'s key; external cloud provider, host name as node name', () => {
    const ms = manifests(azureSpec());
    const [cp, worker] = templates(ms).map(t => t.metadata.name);
    const kcp = ms.find(m => m.kind === 'KubeadmControlPlane') as any;
    const kct = ms.find(m => m.kind === 'KubeadmConfigTemplate') as any;
    const file = (name: string, key: string) => ({ path: '/etc/kubernetes/azure.json', owner: 'root:root', permissions: '0644', contentFrom: { secret: { name, key } } });
    expect(kcp.spec.kubeadmConfigSpec.files).toEqual([file(`${cp}-azure-json`, 'control-plane-azure.json')]);
    expect(kct.spec.template.spec.files).toEqual([file(`${worker}-azure-json`, 'worker-node-azure.json')]);
    expect(kcp.spec.kubeadmConfigSpec.clusterConfiguration.controllerManager.extraArgs).toEqual([
      { name: 'allocate-node-cidrs', value: 'false' }, { name: 'cloud-provider', value: 'external' },
    ]);
    const registration = { name: '{{ ds.meta_data["local_hostname"] }}', kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }] };
    expect(kcp.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration).toEqual(registration);
    expect(kct.spec.template.spec.joinConfiguration.nodeRegistration).toEqual(registration);
    expect(problems(azureSpec({}, { controlPlane: { replicas: 1, kubeletExtraArgs: { 'cloud-provider': 'azure' } } }))).toEqual([
      expect.stringMatching(/^controlPlane\.kubeletExtraArgs\.cloud-provider: .*external Azure cloud controller manager/),
    ]);
  });

  test('a machine change renames the template, and the azure.json Secret name follows it', () => {
    const before = manifests(azureSpec());
    const after = manifests(azureSpec({}, { workerPools: [{ name: 'general', replicas: 2, machine: { azure: { vmSize: 'Standard_D4s_v5' } } }] }));
    const [cpBefore, workerBefore] = templates(before).map(t => t.metadata.name);
    const [cpAfter, workerAfter] = templates(after).map(t => t.metadata.name);
    expect(cpAfter).toBe(cpBefore);
    expect(workerAfter).not.toBe(workerBefore);
    expect(workerAfter).toMatch(/^az-1-general-[0-9a-f]{8}$/);
    const kct = after.find(m => m.kind === 'KubeadmConfigTemplate') as any;
    expect(kct.spec.template.spec.files[0].contentFrom.secret.name).toBe(`${workerAfter}-azure-json`);
    const md = after.find(m => m.kind === 'MachineDeployment') as any;
    expect(md.spec.template.spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AzureMachineTemplate', name: workerAfter });
  });

  test('a spec that differs from an AWS or Dev one only in its provider sections renders the same control plane and pools', () => {
    const strip = (spec: ManagedClusterSpec): ManagedClusterSpec => ({
      ...spec, infrastructure: AZURE_CLUSTER.infrastructure,
      controlPlane: { ...spec.controlPlane, machine: undefined },
      workerPools: spec.workerPools?.map(p => ({ ...p, machine: undefined, failureDomain: undefined })),
    });
    const shape = (spec: ManagedClusterSpec) => manifests(spec).map(m => {
      const o = m as any;
      const kind = m.kind.replace(/^(AWS|Dev|Azure)/, 'Infra');
      if (m.kind === 'MachineDeployment') return [kind, m.metadata.name, o.spec.replicas, o.metadata.annotations, o.spec.template.spec.failureDomain];
      if (m.kind === 'KubeadmControlPlane') return [kind, m.metadata.name, o.spec.replicas, o.spec.version];
      if (m.kind === 'MachineHealthCheck') return [kind, m.metadata.name, o.spec];
      return [kind, m.metadata.name.replace(/-[0-9a-f]{8}$/, '')];
    });
    for (const other of [AWS_CLUSTER, DEV_CLUSTER]) {
      const azure = strip(other);
      expect(shape(azure)).toEqual(shape({ ...other, workerPools: other.workerPools?.map(p => ({ ...p, failureDomain: undefined })) }));
    }
  });
});

describe('cluster rules (CAPZ v1.26.0 internal/webhooks/azurecluster_validation.go)', () => {
  test('the subscription, location and identity are required and checked', () => {
    expect(problems(azureSpec({ subscriptionId: 'my-sub', location: 'West Europe', identity: undefined as never }))).toEqual([
      'infrastructure.azure.subscriptionId: must be an Azure subscription id (a GUID)',
      'infrastructure.azure.location: must be an Azure region name',
      'infrastructure.azure.identity: identityRef is required: CAPZ refuses an AzureCluster without an AzureClusterIdentity',
    ]);
    expect(problems(azureSpec({ identity: { name: 'Platform', namespace: 'a.b' } }))).toEqual([
      'infrastructure.azure.identity.name: must be the name of an AzureClusterIdentity (a DNS-1123 subdomain)',
      'infrastructure.azure.identity.namespace: must be a namespace name (a DNS-1123 label)',
    ]);
  });

  test('a misspelled property is an error', () => {
    expect(problems(azureSpec({ locaton: 'westeurope' } as never))).toEqual(['infrastructure.azure.locaton: unknown property: did you mean "location"?']);
  });

  test('resource group, virtual network and subnet names', () => {
    expect(problems(azureSpec({
      resourceGroup: 'rg with spaces',
      network: { vnet: { name: '-vnet', resourceGroup: 'net.' }, controlPlaneSubnet: { name: 'cp/1' }, nodeSubnet: { name: 'cp/1' } },
    }))).toEqual([
      'infrastructure.azure.resourceGroup: must be an Azure resource group name',
      'infrastructure.azure.network.vnet.name: must be an Azure virtual network name',
      'infrastructure.azure.network.vnet.resourceGroup: must be an Azure resource group name',
      'infrastructure.azure.network.controlPlaneSubnet.name: must be an Azure subnet name',
      'infrastructure.azure.network.nodeSubnet.name: must be an Azure subnet name',
      'infrastructure.azure.network.nodeSubnet.name: the control-plane and node subnets have the same name: CAPZ refuses duplicate subnet names',
    ]);
    expect(problems(azureSpec({ resourceGroup: 'Prod_(weu).1', network: { vnet: { name: 'a_' } } }))).toEqual([]);
  });

  test('subnet blocks must be inside the virtual network\'s address space, the defaults included', () => {
    expect(problems(azureSpec({ network: { vnet: { cidrBlocks: ['172.16.0.0/16', '10.0.0.0/33'] }, nodeSubnet: { cidrBlocks: ['172.16.1.0/24', '172.17.0.0/24'] } } }))).toEqual([
      expect.stringMatching(/^infrastructure\.azure\.network\.vnet\.cidrBlocks\[1\]: "10\.0\.0\.0\/33" has prefix length \/33/),
      "infrastructure.azure.network.controlPlaneSubnet.cidrBlocks[0]: the subnet's default block is not inside the virtual network's address space (172.16.0.0/16, 10.0.0.0/33)",
      "infrastructure.azure.network.nodeSubnet.cidrBlocks[1]: the subnet is not inside the virtual network's address space (172.16.0.0/16, 10.0.0.0/33)",
    ]);
    expect(problems(azureSpec({ network: { vnet: { cidrBlocks: [] } } }))[0]).toBe('infrastructure.azure.network.vnet.cidrBlocks: an empty address space leaves no room for the subnets');
  });

  test('the API server load balancer: type, name, idle timeout, a private IP only on an internal one and inside the control-plane subnet', () => {
    expect(problems(azureSpec({ apiServerLoadBalancer: { type: 'Private' as never, name: 'lb#1', idleTimeoutInMinutes: 60 } }))).toEqual([
      'infrastructure.azure.apiServerLoadBalancer.type: unknown load balancer type',
      'infrastructure.azure.apiServerLoadBalancer.name: must be an Azure load balancer name',
      'infrastructure.azure.apiServerLoadBalancer.idleTimeoutInMinutes: must be an integer from 4 to 30',
    ]);
    expect(problems(azureSpec({ apiServerLoadBalancer: { privateIp: '10.0.0.100' } }))).toEqual([
      'infrastructure.azure.apiServerLoadBalancer.privateIp: Public Load Balancers cannot have a Private IP',
    ]);
    expect(problems(azureSpec({ apiServerLoadBalancer: { type: 'Internal', privateIp: '10.1.0.4' } }))).toEqual([
      'infrastructure.azure.apiServerLoadBalancer.privateIp: Internal LB IP address needs to be in control plane subnet range (10.0.0.0/16)',
    ]);
    expect(problems(azureSpec({ apiServerLoadBalancer: { type: 'Internal', privateIp: '10.0.0.256' } }))).toEqual([
      "infrastructure.azure.apiServerLoadBalancer.privateIp: Internal LB IP address isn't a valid IPv4 or IPv6 address",
    ]);
    // CAPZ's own default private IP, 10.0.0.100, is in the default control-plane subnet.
    expect(azureCluster(manifests(azureSpec({ apiServerLoadBalancer: { type: 'Internal' } }))).spec.networkSpec.apiServerLB).toEqual({ type: 'Internal', name: 'az-1-internal-lb' });
  });

  test('Azure tag limits', () => {
    expect(problems(azureSpec({ additionalTags: { 'a/b': 'x', team: 'v'.repeat(257) } }))).toEqual([
      'infrastructure.azure.additionalTags.a/b: Azure refuses this tag name',
      'infrastructure.azure.additionalTags.team: the tag value has 257 characters; Azure allows at most 256',
    ]);
  });

  test('pod and service networks must not overlap the subnets; the rest of the address space is free', () => {
    expect(problems(azureSpec({}, { network: { podCidrs: ['10.1.0.0/16'] } }))).toEqual([
      'network.podCidrs[0]: overlaps the node subnet 10.1.0.0/16: pods or services would be unreachable from parts of the network',
    ]);
  });

  test('failure domains are availability zones 1 to 3', () => {
    expect(problems(azureSpec({}, { workerPools: [{ name: 'a', failureDomain: '1' }, { name: 'b', failureDomain: 'westeurope-1' }] }))).toEqual([
      'workerPools[1].failureDomain: is not an Azure availability zone',
    ]);
  });
});

describe('machine rules (CAPZ v1.26.0 internal/webhooks/azuremachine_validation.go, azureimage_validation.go)', () => {
  test('the VM size', () => {
    expect(problems(machine({ vmSize: 'D4s_v5' }))).toEqual(['controlPlane.machine.azure.vmSize: must be an Azure VM size']);
    expect(problems(machine({ vmSize: 'Standard_M416-208s_v2' }))).toEqual([]);
  });

  test('the image: exactly one kind, with its required fields', () => {
    expect(problems(machine({ image: {} }))).toEqual(['controlPlane.machine.azure.image: You must supply an ID, Marketplace or ComputeGallery image details']);
    expect(problems(machine({ image: { id: '/x', marketplace: { publisher: '', offer: 'o', sku: 's' } as never } }))).toEqual([
      'controlPlane.machine.azure.image: only one kind of image may be given, got marketplace, id',
      'controlPlane.machine.azure.image.marketplace.publisher: must be a non-empty string',
      'controlPlane.machine.azure.image.marketplace.version: is required',
    ]);
    expect(problems(machine({ image: { computeGallery: { gallery: 'g', name: 'n', version: '1', subscriptionId: SUBSCRIPTION } } }))).toEqual([
      'controlPlane.machine.azure.image.computeGallery.resourceGroup: a private gallery needs both subscriptionId and resourceGroup',
    ]);
  });

  test('the OS disk and the data disks', () => {
    expect(problems(machine({ osDisk: { sizeGiB: 4096, storageAccountType: 'UltraSSD_LRS', cachingType: 'Write' as never } }))).toEqual([
      'controlPlane.machine.azure.osDisk.sizeGiB: must be an integer from 1 to 2048',
      'controlPlane.machine.azure.osDisk.storageAccountType: UltraSSD_LRS can only be used with data disks, it cannot be used with OS Disks',
      'controlPlane.machine.azure.osDisk.cachingType: unknown caching type',
    ]);
    expect(problems(machine({
      dataDisks: [
        { nameSuffix: 'a', sizeGiB: 2, lun: 0 },
        { nameSuffix: 'a', sizeGiB: 10, lun: 0, storageAccountType: 'Premium' },
        { nameSuffix: '', sizeGiB: 10, lun: 64 },
        { nameSuffix: 'u', sizeGiB: 10, storageAccountType: 'UltraSSD_LRS', cachingType: 'ReadOnly' } as never,
      ],
    }))).toEqual([
      'controlPlane.machine.azure.dataDisks[0].sizeGiB: must be an integer from 4 to 32767',
      'controlPlane.machine.azure.dataDisks[1].nameSuffix: another data disk has this name suffix',
      'controlPlane.machine.azure.dataDisks[1].lun: another data disk uses this LUN',
      'controlPlane.machine.azure.dataDisks[1].storageAccountType: unknown storage account type',
      'controlPlane.machine.azure.dataDisks[2].nameSuffix: the name suffix cannot be empty',
      'controlPlane.machine.azure.dataDisks[2].lun: must be an integer from 0 to 63',
      'controlPlane.machine.azure.dataDisks[3].lun: is required: the LUN is the device path of the disk on the machine',
      "controlPlane.machine.azure.dataDisks[3].cachingType: cachingType is not supported when storageAccountType is 'UltraSSD_LRS'",
    ]);
  });

  test('the SSH public key: an ed25519 or RSA (2048 bits or more) authorized_keys line', () => {
    expect(problems(machine({ sshPublicKey: ED25519 }))).toEqual([]);
    expect(problems(machine({ sshPublicKey: RSA_2048 }))).toEqual([]);
    const keyProblem = (sshPublicKey: string) => problems(machine({ sshPublicKey }));
    expect(keyProblem(RSA_1024)).toEqual(['controlPlane.machine.azure.sshPublicKey: Azure needs RSA keys of at least 2048 bits, this one has 1024']);
    expect(keyProblem(ECDSA)).toEqual(['controlPlane.machine.azure.sshPublicKey: Azure does not accept ecdsa-sha2-nistp256 keys']);
    expect(keyProblem(Buffer.from(ED25519).toString('base64'))).toEqual(['controlPlane.machine.azure.sshPublicKey: must start with the key type ssh-ed25519 or ssh-rsa']);
    expect(keyProblem('ssh-ed25519 AAAA!!')).toEqual(['controlPlane.machine.azure.sshPublicKey: the key is not properly base64 encoded']);
    expect(keyProblem(ED25519.replace('ssh-ed25519', 'ssh-rsa'))).toEqual(['controlPlane.machine.azure.sshPublicKey: the SSH public key is not valid: its data does not match its type']);
    expect(keyProblem(`ssh-ed25519 ${Buffer.from('\u0000\u0000\u00ff\u00ffssh').toString('base64')}`)).toEqual(['controlPlane.machine.azure.sshPublicKey: the SSH public key is not valid: its data does not match its type']);
  });

  test('managed identity (ValidateUserAssignedIdentity) and spot', () => {
    expect(problems(machine({ identity: 'SystemAssigned', userAssignedIdentities: ['not-an-id'] }))).toEqual([
      "controlPlane.machine.azure.userAssignedIdentities: identity must be set to 'UserAssigned' when assigning any user identity to the machine",
      'controlPlane.machine.azure.userAssignedIdentities[0]: must be the resource id of a user-assigned managed identity',
    ]);
    expect(problems(machine({ identity: 'UserAssigned' }))).toEqual([
      "controlPlane.machine.azure.userAssignedIdentities: must be specified for the 'UserAssigned' identity type",
    ]);
    expect(problems(machine({ identity: 'UserAssigned', userAssignedIdentities: [`azure:///subscriptions/${SUBSCRIPTION}/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ccm`] }))).toEqual([]);
    expect(problems(machine({ spot: { maxPrice: '5 USD', evictionPolicy: 'Stop' as never } }))).toEqual([
      'controlPlane.machine.azure.spot.maxPrice: must be a price in USD written as a decimal number, or -1',
      'controlPlane.machine.azure.spot.evictionPolicy: unknown eviction policy',
    ]);
  });

  test('the machine template reports its capacity: a pool may scale from zero without autoscaling.capacity', () => {
    expect(problems(azureSpec({}, { workerPools: [{ name: 'burst', autoscaling: { min: 0, max: 5 } }] }))).toEqual([]);
  });
});

describe('AzureClusterIdentity (namespaced, secrets by reference)', () => {
  const base = { name: 'platform', namespace: 'clusters', clientId: '11111111-2222-4333-8444-555555555555', tenantId: '66666666-7777-4888-9999-000000000000' };

  test('workload identity, usable from its own namespace by default (CAPZ admits no namespace without allowedNamespaces)', () => {
    expect(renderAzureClusterIdentity({ ...base, type: 'WorkloadIdentity' })).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', kind: 'AzureClusterIdentity', metadata: { name: 'platform', namespace: 'clusters' },
      spec: { type: 'WorkloadIdentity', clientID: base.clientId, tenantID: base.tenantId, allowedNamespaces: { list: ['clusters'] } },
    });
    expect(renderAzureClusterIdentity({ ...base, type: 'WorkloadIdentity', allowedNamespaces: AllowedNamespaces.all() }).spec).toEqual(expect.objectContaining({ allowedNamespaces: {} }));
  });

  test('a service principal names the Secret holding its client secret', () => {
    expect(renderAzureClusterIdentity({ ...base, type: 'ServicePrincipal', clientSecret: { name: 'platform-sp' }, clusterNames: ['az-1'] })).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', kind: 'AzureClusterIdentity',
      metadata: { name: 'platform', namespace: 'clusters', annotations: { 'capi-constructs.io/clusters': 'az-1' } },
      spec: { type: 'ServicePrincipal', clientID: base.clientId, tenantID: base.tenantId, clientSecret: { name: 'platform-sp', namespace: 'clusters' }, allowedNamespaces: { list: ['clusters'] } },
    });
  });

  test('every problem at once', () => {
    expect(validateAzureClusterIdentity({ name: 'Platform', namespace: '', type: 'ServicePrincipal', clientId: 'app', tenantId: 'contoso.onmicrosoft.com' }).map(i => `${i.path}: ${i.message}`)).toEqual([
      'name: the identity name must be a DNS-1123 subdomain',
      'namespace: the identity is namespaced: it needs a namespace name (a DNS-1123 label)',
      'clientId: must be the client (application) id, a GUID',
      'tenantId: must be the tenant id, a GUID',
      'clientSecret: a service principal identity needs the Secret holding its client secret',
    ]);
    expect(validateAzureClusterIdentity({ ...base, type: 'WorkloadIdentity', clientSecret: { name: 'x' } }).map(i => i.path)).toEqual(['clientSecret']);
  });

  test('the cdk8s construct takes its chart\'s namespace and gives the identityRef; it can sit in the cluster\'s chart', async () => {
    const { AzureClusterIdentity, ClusterChart } = await import('../../lib/cdk8s');
    const { Chart } = await import('cdk8s');
    const app = Testing.app();
    const shared = new Chart(app, 'identities', { namespace: 'clusters' });
    const identity = new AzureClusterIdentity(shared, 'platform', { type: 'WorkloadIdentity', clientId: base.clientId, tenantId: base.tenantId });
    expect(identity.identityRef).toEqual({ name: 'platform', namespace: 'clusters' });
    expect(Testing.synth(shared)).toEqual([renderAzureClusterIdentity({ ...base, type: 'WorkloadIdentity' })]);
    expect(() => new AzureClusterIdentity(shared, 'Bad', { type: 'ServicePrincipal', clientId: base.clientId, tenantId: base.tenantId })).toThrow(/clientSecret: a service principal identity needs the Secret/);

    const chart = new ClusterChart(app, 'az-1', azureSpec());
    expect(() => new AzureClusterIdentity(chart, 'nowhere', { type: 'WorkloadIdentity', clientId: base.clientId, tenantId: base.tenantId })).toThrow(/namespace: the identity is namespaced/);
    new AzureClusterIdentity(chart, 'platform', { namespace: 'clusters', type: 'WorkloadIdentity', clientId: base.clientId, tenantId: base.tenantId });
    expect(Testing.synth(chart).filter(o => o.kind === 'AzureClusterIdentity')).toEqual([renderAzureClusterIdentity({ ...base, type: 'WorkloadIdentity' })]);
  });
});

describe('the plan', () => {
  test('a location or load balancer type change is immutable-field-changed; a machine change rolls the pool onto a new template', () => {
    const before = manifests(azureSpec()) as any[];
    const after = manifests(azureSpec({ location: 'northeurope', apiServerLoadBalancer: { type: 'Internal' } }, { workerPools: [{ name: 'general', replicas: 2, machine: { azure: { vmSize: 'Standard_D4s_v5' } } }] })) as any[];
    const [plan] = planChanges(before, after).clusters;
    expect(plan.dangers.filter(d => d.code === 'immutable-field-changed').map(d => d.message.split(' cannot')[0]).sort()).toEqual([
      'spec.location', 'spec.networkSpec.apiServerLB.name', 'spec.networkSpec.apiServerLB.type',
    ]);
    expect(plan.rollouts.map(r => r.target)).toEqual(expect.arrayContaining([expect.stringContaining('general')]));
  });

  test('an AzureMachineTemplate changed under its name is immutable-field-changed', () => {
    const before = manifests(azureSpec()) as any[];
    const after = structuredClone(before);
    templates(after)[1].spec.template.spec.vmSize = 'Standard_D8s_v5';
    const [plan] = planChanges(before, after).clusters;
    expect(plan.dangers.map(d => [d.code, d.object])).toEqual([['immutable-field-changed', `AzureMachineTemplate/${templates(before)[1].metadata.name}`]]);
  });
});

test('IPv6 pod or service networks need IPv6 blocks in the virtual network and the node subnet', () => {
  const dualStack = { podCidrs: ['192.168.0.0/16', 'fd00:10::/56'], serviceCidrs: ['10.128.0.0/12', 'fd00:20::/108'] };
  expect(problems(azureSpec({}, { network: dualStack }))).toEqual([
    'network.podCidrs[1]: IPv6 pod or service networks need IPv6 blocks in the virtual network and the node subnet: the network could not route these addresses',
    'network.serviceCidrs[1]: IPv6 pod or service networks need IPv6 blocks in the virtual network and the node subnet: the network could not route these addresses',
  ]);
  expect(problems(azureSpec({
    network: { vnet: { cidrBlocks: ['10.0.0.0/8', '2001:db8::/56'] }, controlPlaneSubnet: { cidrBlocks: ['10.0.0.0/16', '2001:db8::/64'] }, nodeSubnet: { cidrBlocks: ['10.1.0.0/16', '2001:db8:0:1::/64'] } },
  }, { network: dualStack }))).toEqual([]);
});

test('the Pulumi CapzClusterIdentity checks its arguments (Outputs validate as placeholders) and names the Secret it creates', async () => {
  const pulumi = await import('@pulumi/pulumi');
  const { validateCapzClusterIdentityArgs } = await import('../../lib/pulumi');
  const ids = { namespace: 'clusters', clientId: pulumi.output('11111111-2222-4333-8444-555555555555'), tenantId: '66666666-7777-4888-9999-000000000000' };
  expect(validateCapzClusterIdentityArgs('platform', { ...ids, type: 'WorkloadIdentity' })).toEqual([]);
  expect(validateCapzClusterIdentityArgs('platform', { ...ids, type: 'ServicePrincipal' })).toEqual([{
    propertyPath: 'clientSecret',
    reason: 'a service principal identity needs its client secret: give clientSecret (the component creates the Secret) or clientSecretName (an existing Secret with the key clientSecret).',
  }]);
  expect(validateCapzClusterIdentityArgs('Platform', { ...ids, type: 'ServicePrincipal', clientSecret: 'x', clientSecretName: 'Bad_Name' }).map(i => i.propertyPath)).toEqual([
    'identityName', 'clientSecretName', 'clientSecretName',
  ]);
});
