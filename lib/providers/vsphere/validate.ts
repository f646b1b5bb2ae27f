/** Rules for the vSphere provider's sections: what CAPV or vSphere would refuse or regret. */
import { MachineRole } from '../../core/provider';
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { parseCidr } from '../../support/cidr';
import { IssueSink } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { deploymentZoneNameProblem } from './deployment-zones';
import { VSphereClusterSpec, VSphereMachineSpec, VSphereNetworkSpec } from './spec';

// SHA-1 (20 bytes) or SHA-256 (32 bytes) as colon-separated hex. CAPV v1.16.1 checks nothing but
// the length (api/govmomi/v1beta2/vspherecluster_types.go Thumbprint: 1 to 1024 characters) and
// hands it to govmomi v0.53.0, which compares it as text with the uppercase fingerprint it
// computes of vCenter's certificate (soap/client.go ThumbprintSHA1, ThumbprintSHA256): stricter
// than the CRD, so a malformed thumbprint fails here and not at the first vCenter connection.
const THUMBPRINT = /^([0-9A-F]{2}:){19}[0-9A-F]{2}$|^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
// A host name as vCenter and kubeconfigs take it (RFC 1123 labels; case does not matter in DNS).
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;
// CAPV v1.16.1 api/govmomi/v1beta2/types.go IPPoolReference (CRD patterns).
const POOL_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const POOL_KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
// CAPV v1.16.1 internal/webhooks/vspheremachinetemplate.go ValidateCreate().
const HARDWARE_VERSION = /^vmx-[1-9][0-9]?$/;
// Linux interface names: at most 15 bytes, no '/', ':' or whitespace.
const INTERFACE_NAME = /^[^\s/:]{1,15}$/;

export function isIpAddress(text: unknown): boolean {
  return typeof text === 'string' && !text.includes('/') && (parseCidr(`${text}/32`) !== undefined || parseCidr(`${text}/128`) !== undefined);
}

function isHost(text: unknown): boolean {
  return isIpAddress(text) || (typeof text === 'string' && DNS_NAME.test(text) && !/^[\d.]+$/.test(text));
}

function checkHost(report: IssueSink, path: string, value: unknown, what: string, maxLength: number): void {
  if (!isHost(value) || (value as string).length > maxLength) {
    report({ path, message: `must be the ${what}: an IP address or a DNS name of at most ${maxLength} characters`, value, allowed: 'e.g. 10.0.0.10, fd00::10, api.example.com', fix: 'write the host only, without a scheme, port or path' });
  }
}

/** A string field the CRD bounds (minLength 1, maxLength `max`). */
function checkName(report: IssueSink, path: string, value: unknown, max = 2048): void {
  checkNonEmptyString(report, path, value);
  if (typeof value === 'string' && value.length > max) report({ path, message: `is ${value.length} characters long; CAPV allows at most ${max}`, value, fix: 'shorten it' });
}

export function validateVSphereCluster(spec: VSphereClusterSpec, report: IssueSink): void {
  checkHost(report, 'server', spec.server, 'vCenter address', 1024);
  if (typeof spec.thumbprint !== 'string' || !THUMBPRINT.test(spec.thumbprint)) {
    const lower = typeof spec.thumbprint === 'string' && THUMBPRINT.test(spec.thumbprint.toUpperCase());
    report({
      path: 'thumbprint',
      message: lower
        ? 'must be written in uppercase hex: govmomi compares it as text with the uppercase fingerprint of the certificate'
        : spec.thumbprint === undefined
          ? "is required: without it CAPV does not verify vCenter's TLS certificate"
          : "must be the SHA-1 or SHA-256 fingerprint of vCenter's TLS certificate, as colon-separated uppercase hex",
      value: spec.thumbprint,
      allowed: 'e.g. 5A:3B:...:9F (20 or 32 bytes)',
      fix: lower ? 'write it in uppercase' : 'copy it from `govc about.cert -k -u <server> -thumbprint` or vCenter\'s certificate details',
    });
  }
  if (spec.identity) {
    // CAPV v1.16.1 api/govmomi/v1beta2/vsphereclusteridentity_types.go VSphereIdentityReference (CRD enum).
    checkEnum(report, 'identity.kind', spec.identity.kind, ['VSphereClusterIdentity', 'Secret'], 'identity kind');
    if (objectNameProblem(spec.identity.name, 'subdomain')) {
      report({ path: 'identity.name', message: 'must be the name of the VSphereClusterIdentity or Secret (a DNS-1123 subdomain)', value: spec.identity.name, fix: 'name the identity object or the Secret' });
    }
  }
  const endpoint = spec.controlPlaneEndpoint ?? {};
  if ((endpoint.kubeVip === undefined) === (endpoint.external === undefined)) {
    report({
      path: 'controlPlaneEndpoint',
      message: endpoint.kubeVip ? 'kubeVip and external are mutually exclusive' : 'the control plane needs an endpoint',
      fix: 'set exactly one of controlPlaneEndpoint.kubeVip (a virtual IP kube-vip announces) or controlPlaneEndpoint.external (an endpoint served elsewhere)',
    });
  }
  if (endpoint.kubeVip) {
    checkHost(report, 'controlPlaneEndpoint.kubeVip.address', endpoint.kubeVip.address, 'virtual IP of the API servers', 512);
    const iface = endpoint.kubeVip.interface;
    if (iface !== undefined && (typeof iface !== 'string' || !INTERFACE_NAME.test(iface))) {
      report({ path: 'controlPlaneEndpoint.kubeVip.interface', message: 'must be a Linux network interface name (1 to 15 characters, no "/", ":" or spaces)', value: iface, allowed: 'e.g. eth0, ens192', fix: 'name the interface, or leave it out for the interface of the default route' });
    }
    checkNonEmptyString(report, 'controlPlaneEndpoint.kubeVip.image', endpoint.kubeVip.image);
  }
  if (endpoint.external) {
    // CAPV v1.16.1 api/govmomi/v1beta2/types.go APIEndpoint: host up to 512 characters, port 1 to 65535.
    checkHost(report, 'controlPlaneEndpoint.external.host', endpoint.external.host, 'address of the API servers', 512);
    checkInteger(report, 'controlPlaneEndpoint.external.port', endpoint.external.port, 1, 65535);
  }
  const zones = new Set<string>();
  (spec.deploymentZones ?? []).forEach((zone, i) => {
    const problem = deploymentZoneNameProblem(zone);
    if (problem) report({ path: `deploymentZones[${i}]`, message: problem, value: zone, fix: 'use the name of a VSphereDeploymentZone' });
    if (zones.has(zone)) report({ path: `deploymentZones[${i}]`, message: 'duplicate deployment zone', value: zone, fix: 'list each zone once' });
    zones.add(zone);
  });
  checkName(report, 'template', spec.template ?? '');
  checkPlacement(report, spec);
  if (spec.network === undefined) {
    report({ path: 'network', message: 'the machines need a network', fix: "set network: { devices: [{ networkName: 'VM Network' }] } with your port group" });
  } else {
    checkNetwork(report, 'network', spec.network);
  }
}

export function validateVSphereMachine(spec: VSphereMachineSpec | undefined, _role: MachineRole, report: IssueSink): void {
  if (!spec) return;
  checkName(report, 'template', spec.template);
  checkPlacement(report, spec);
  if (spec.network !== undefined) checkNetwork(report, 'network', spec.network);
  // CAPV v1.16.1 api/govmomi/v1beta2/types.go VirtualMachineCloneSpec (CRD minimums).
  checkInteger(report, 'numCPUs', spec.numCPUs, 2);
  checkInteger(report, 'memoryMiB', spec.memoryMiB, 1);
  checkInteger(report, 'diskGiB', spec.diskGiB, 1);
  checkEnum(report, 'cloneMode', spec.cloneMode, ['fullClone', 'linkedClone'], 'clone mode');
  checkEnum(report, 'powerOffMode', spec.powerOffMode, ['hard', 'soft', 'trySoft'], 'power off mode');
  checkName(report, 'snapshot', spec.snapshot, 1024);
  // Stricter than CAPV, which ignores both without a word (pkg/services/govmomi/vcenter/clone.go
  // Clone(): a linked clone never resizes the disk; the snapshot is only read for linked clones).
  if (spec.cloneMode === 'linkedClone' && spec.diskGiB !== undefined) {
    report({ path: 'diskGiB', message: 'a linked clone keeps the disk size of the template: CAPV ignores diskGiB', value: spec.diskGiB, fix: "remove diskGiB, or use cloneMode 'fullClone' to resize the disk" });
  }
  if (spec.snapshot !== undefined && spec.cloneMode !== 'linkedClone') {
    report({ path: 'snapshot', message: 'a snapshot is only used by a linked clone', value: spec.snapshot, fix: "set cloneMode 'linkedClone', or remove snapshot" });
  }
  if (spec.hardwareVersion !== undefined && (typeof spec.hardwareVersion !== 'string' || !HARDWARE_VERSION.test(spec.hardwareVersion))) {
    // CAPV v1.16.1 internal/webhooks/vspheremachinetemplate.go ValidateCreate().
    report({ path: 'hardwareVersion', message: 'should be a valid VM hardware version', value: spec.hardwareVersion, allowed: 'vmx-<n>, e.g. vmx-17', fix: 'write it as vmx- followed by the version number' });
  }
  checkInteger(report, 'guestSoftPowerOffTimeoutSeconds', spec.guestSoftPowerOffTimeoutSeconds, 1);
  // CAPV v1.16.1 internal/webhooks/vspheremachinetemplate.go ValidateCreate() (and vspheremachine.go).
  if (spec.guestSoftPowerOffTimeoutSeconds !== undefined && (spec.powerOffMode ?? 'trySoft') !== 'trySoft') {
    report({ path: 'guestSoftPowerOffTimeoutSeconds', message: 'should not be set in templates unless the powerOffMode is trySoft', value: spec.guestSoftPowerOffTimeoutSeconds, fix: "remove it, or use powerOffMode 'trySoft'" });
  }
}

function checkPlacement(report: IssueSink, spec: Pick<VSphereMachineSpec, 'datacenter' | 'datastore' | 'storagePolicyName' | 'folder' | 'resourcePool'>): void {
  for (const key of ['datacenter', 'datastore', 'folder', 'resourcePool'] as const) checkName(report, key, spec[key]);
  checkName(report, 'storagePolicyName', spec.storagePolicyName, 1024);
}

function checkNetwork(report: IssueSink, path: string, network: VSphereNetworkSpec): void {
  const devices = network.devices ?? [];
  // CAPV v1.16.1 api/govmomi/v1beta2/types.go NetworkSpec.Devices: required, at most 128.
  if (devices.length === 0 || devices.length > 128) {
    report({ path: `${path}.devices`, message: 'a machine needs 1 to 128 network devices', value: devices.length, fix: "list the machine's network adapters, e.g. [{ networkName: 'VM Network' }]" });
  }
  devices.forEach((d, i) => {
    const at = `${path}.devices[${i}]`;
    checkName(report, `${at}.networkName`, d.networkName ?? '');
    checkName(report, `${at}.deviceName`, d.deviceName, 1024);
    checkInteger(report, `${at}.mtu`, d.mtu, 68, 65535);
    const pools = d.addressesFromPools ?? [];
    pools.forEach((p, j) => {
      const pat = `${at}.addressesFromPools[${j}]`;
      if (typeof p.name !== 'string' || !POOL_NAME.test(p.name) || p.name.length > 253) report({ path: `${pat}.name`, message: 'must be a DNS-1123 subdomain', value: p.name, fix: 'use the name of the IPAM pool' });
      if (typeof p.kind !== 'string' || !POOL_KIND.test(p.kind) || p.kind.length > 63) report({ path: `${pat}.kind`, message: 'must be a kind', value: p.kind, allowed: 'e.g. InClusterIPPool, GlobalInClusterIPPool' });
      if (typeof p.apiGroup !== 'string' || !POOL_NAME.test(p.apiGroup) || p.apiGroup.length > 253) report({ path: `${pat}.apiGroup`, message: 'must be an API group', value: p.apiGroup, allowed: 'e.g. ipam.cluster.x-k8s.io' });
    });
    // CAPV v1.16.1 api/govmomi/v1beta2/types.go NetworkDeviceSpec: addresses come from DHCP,
    // ipAddrs (refused in templates by internal/webhooks/vspheremachinetemplate.go) or pools;
    // a device with none never gets an address and the machine never reports one.
    if (d.dhcp4 === false && d.dhcp6 !== true && pools.length === 0) {
      report({ path: at, message: 'the device gets no address: DHCP is off and no IPAM pool is given', fix: 'turn on dhcp4 or dhcp6, or give addressesFromPools' });
    }
    (d.nameservers ?? []).forEach((ns, j) => {
      if (!isIpAddress(ns)) report({ path: `${at}.nameservers[${j}]`, message: 'must be an IP address', value: ns });
    });
    (d.searchDomains ?? []).forEach((s, j) => checkName(report, `${at}.searchDomains[${j}]`, s, 1024));
  });
}
