/**
 * CAPV's failure domains as plain specs: a `VSphereFailureDomain` (where in vSphere: region and
 * zone tags, datacenter, compute cluster, host group, networks, datastore) and the
 * `VSphereDeploymentZone` that makes it usable (vCenter, control plane or not, resource pool and
 * folder), one pair of the same name. Both are cluster-scoped and shared by the clusters of that
 * vCenter: emit each once (cdk8s / Pulumi `VSphereDeploymentZone`), never per cluster. A cluster
 * lists the zones it uses in `infrastructure.vsphere.deploymentZones`.
 */
import { API, Manifest, normalizeManifest, orderTopLevel } from '../../capi';
import { checkEnum, checkNonEmptyString } from '../../support/checks';
import { ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { clusterNamesProblems, sharedObjectMetadata } from './identities';

/**
 * Label of a VSphereDeploymentZone holding its name: a VSphereCluster selects its zones with it
 * (`spec.failureDomainSelector`), since CAPV selects zones by label only.
 */
export const DEPLOYMENT_ZONE_LABEL = 'capi-constructs.io/deployment-zone';

/** A failure domain level: a vSphere tag (in a tag category) on a datacenter, compute cluster or host group. */
export interface VSphereFailureDomainLevel {
  /** Name of the tag. */
  readonly name: string;
  /** What carries the tag. A region cannot be a `HostGroup`. */
  readonly type: 'Datacenter' | 'ComputeCluster' | 'HostGroup';
  /** Tag category of the tag, e.g. `k8s-region`. */
  readonly tagCategory: string;
}

/** A `VSphereDeploymentZone` and its `VSphereFailureDomain`, both named `name`. */
export interface VSphereDeploymentZoneSpec {
  /** Name of both objects, and of the failure domain pools put in `failureDomain`: a DNS-1123 subdomain of at most 63 characters (it is also a label value). */
  readonly name: string;
  /** The vCenter (the `server` of the clusters that use the zone: CAPV ignores zones of other servers). */
  readonly server: string;
  /** Control-plane machines may be placed in the zone. @default true (CAPV's webhook default) */
  readonly controlPlane?: boolean;
  readonly region: VSphereFailureDomainLevel;
  readonly zone: VSphereFailureDomainLevel;
  readonly topology: {
    readonly datacenter: string;
    /** Required when the region or zone is a `ComputeCluster`, or with `hosts`. @default - none */
    readonly computeCluster?: string;
    /** VM and host groups of the compute cluster; required when the zone is a `HostGroup`. @default - none */
    readonly hosts?: { readonly vmGroupName: string; readonly hostGroupName: string };
    /** Networks of the zone: they replace the machines' network names, in device order. @default - the machines' own */
    readonly networks?: readonly string[];
    /** @default - the machines' own */
    readonly datastore?: string;
  };
  /** @default - the machines' own */
  readonly placementConstraint?: { readonly resourcePool?: string; readonly folder?: string };
  /** Names of the CAPI clusters that use the zone (the `capi-constructs.io/clusters` annotation). @default - no annotation */
  readonly clusterNames?: readonly string[];
}

/** Every problem with a zone spec; empty when valid. */
export function validateVSphereDeploymentZone(spec: VSphereDeploymentZoneSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report = (i: ValidationIssue) => issues.push(i);
  if (deploymentZoneNameProblem(spec.name)) {
    report({ path: 'name', message: deploymentZoneNameProblem(spec.name)!, value: spec.name, fix: 'use lowercase letters, digits and "-", e.g. "zone-a"' });
  }
  if (typeof spec.server !== 'string' || spec.server.trim() === '') report({ path: 'server', message: 'the vCenter address is required', value: spec.server, fix: "set it to the clusters' infrastructure.vsphere.server" });
  for (const level of ['region', 'zone'] as const) {
    const l = spec[level];
    if (!l) {
      report({ path: level, message: `the ${level} is required`, fix: `set ${level}: { name, type, tagCategory }` });
      continue;
    }
    checkNonEmptyString(report, `${level}.name`, l.name ?? '', 'name the vSphere tag');
    checkNonEmptyString(report, `${level}.tagCategory`, l.tagCategory ?? '', 'name the tag category');
    checkEnum(report, `${level}.type`, l.type, ['Datacenter', 'ComputeCluster', 'HostGroup'], 'failure domain type');
  }
  const t = spec.topology ?? ({} as VSphereDeploymentZoneSpec['topology']);
  checkNonEmptyString(report, 'topology.datacenter', t.datacenter ?? '', 'name the datacenter');
  checkNonEmptyString(report, 'topology.computeCluster', t.computeCluster);
  checkNonEmptyString(report, 'topology.datastore', t.datastore);
  (t.networks ?? []).forEach((n, i) => checkNonEmptyString(report, `topology.networks[${i}]`, n));
  if (t.hosts) {
    checkNonEmptyString(report, 'topology.hosts.vmGroupName', t.hosts.vmGroupName ?? '');
    checkNonEmptyString(report, 'topology.hosts.hostGroupName', t.hosts.hostGroupName ?? '');
  }
  checkNonEmptyString(report, 'placementConstraint.resourcePool', spec.placementConstraint?.resourcePool);
  checkNonEmptyString(report, 'placementConstraint.folder', spec.placementConstraint?.folder);
  // CAPV v1.16.1 internal/webhooks/vspherefailuredomain.go ValidateCreate().
  const hasCluster = typeof t.computeCluster === 'string' && t.computeCluster !== '';
  if (!hasCluster && t.hosts) report({ path: 'topology.computeCluster', message: 'cannot be empty if hosts is not empty', fix: 'name the compute cluster the host group belongs to' });
  if (spec.region?.type === 'HostGroup') report({ path: 'region.type', message: "region's failure domain type cannot be HostGroup", value: 'HostGroup', allowed: 'Datacenter, ComputeCluster', fix: 'tag a datacenter or a compute cluster as the region' });
  if (spec.zone?.type === 'HostGroup' && !t.hosts) report({ path: 'topology.hosts', message: "cannot be empty if zone's failure domain type is HostGroup", fix: 'set topology.hosts: { vmGroupName, hostGroupName }' });
  for (const level of ['region', 'zone'] as const) {
    if (spec[level]?.type === 'ComputeCluster' && !hasCluster) {
      report({ path: 'topology.computeCluster', message: `cannot be empty if ${level}'s failure domain type is ComputeCluster`, fix: 'name the compute cluster' });
    }
  }
  issues.push(...clusterNamesProblems(spec.clusterNames));
  return issues;
}

/** Why `name` cannot name a deployment zone, or undefined. */
export function deploymentZoneNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || objectNameProblem(name, 'subdomain') || name.length > 63) {
    return 'must be a DNS-1123 subdomain of at most 63 characters (it is the value of the zone label the cluster selects zones by)';
  }
  return undefined;
}

/** The `VSphereFailureDomain` and `VSphereDeploymentZone` of a spec, in that order (validate it first). */
export function renderVSphereDeploymentZone(spec: VSphereDeploymentZoneSpec): [Manifest, Manifest] {
  const level = (l: VSphereFailureDomainLevel) => ({ name: l.name, type: l.type, tagCategory: l.tagCategory });
  const t = spec.topology;
  const failureDomain = {
    apiVersion: API.infrastructure.version,
    kind: 'VSphereFailureDomain',
    metadata: sharedObjectMetadata(spec.name, spec.clusterNames),
    spec: {
      region: level(spec.region),
      zone: level(spec.zone),
      topology: {
        datacenter: t.datacenter,
        computeCluster: t.computeCluster,
        hosts: t.hosts ? { vmGroupName: t.hosts.vmGroupName, hostGroupName: t.hosts.hostGroupName } : undefined,
        networks: t.networks && t.networks.length > 0 ? [...t.networks] : undefined,
        datastore: t.datastore,
      },
    },
  };
  const pc = spec.placementConstraint;
  const zone = {
    apiVersion: API.infrastructure.version,
    kind: 'VSphereDeploymentZone',
    metadata: sharedObjectMetadata(spec.name, spec.clusterNames, { [DEPLOYMENT_ZONE_LABEL]: spec.name }),
    spec: {
      server: spec.server,
      failureDomain: spec.name,
      // Written out (CAPV's webhook defaults it to true) so the object reads the same in Git and in the cluster.
      controlPlane: spec.controlPlane ?? true,
      placementConstraint: pc && (pc.resourcePool || pc.folder) ? { resourcePool: pc.resourcePool, folder: pc.folder } : undefined,
    },
  };
  return [orderTopLevel(normalizeManifest(failureDomain)), orderTopLevel(normalizeManifest(zone))];
}
