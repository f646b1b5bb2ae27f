import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  renderVSphereDeploymentZone, renderVSphereIdentity, validateVSphereDeploymentZone, validateVSphereIdentity,
  VSphereDeploymentZoneSpec, VSphereIdentityRef, VSphereIdentitySpec,
} from '../providers/vsphere';
import { throwIfIssues } from './_construct-issues';
import { RenderedApiObject } from './_rendered-object';
import { cdk8sYamlIssues } from './_yaml-safety';

/** Props of a VSphereIdentity: the core spec, with the name defaulting to the construct id. */
export interface VSphereIdentityProps extends Omit<VSphereIdentitySpec, 'name'> {
  /** `metadata.name` of the identity. @default - the construct id */
  readonly name?: string;
}

/** Props of a VSphereDeploymentZone: the core spec, with the name defaulting to the construct id. */
export interface VSphereDeploymentZoneProps extends Omit<VSphereDeploymentZoneSpec, 'name'> {
  /** `metadata.name` of the zone and of its failure domain. @default - the construct id */
  readonly name?: string;
}

/**
 * CAPV's `VSphereClusterIdentity` (cluster-scoped): CAPV reads `username` and `password` from the
 * Secret `secretName` in its own namespace. The construct never carries them: create the Secret
 * outside Git. Shared by clusters: put it in one chart of its own (or a shared chart) and
 * reference it from `infrastructure.vsphere.identity` with `identityRef`.
 */
export class VSphereIdentity extends Construct {
  /** For `infrastructure.vsphere.identity` of the clusters that use it. */
  public readonly identityRef: VSphereIdentityRef;
  /** The identity object. */
  public readonly identity: ApiObject;

  constructor(scope: Construct, id: string, props: VSphereIdentityProps) {
    super(scope, id);
    const spec: VSphereIdentitySpec = { ...props, name: props.name ?? id };
    throwIfIssues(this, validateVSphereIdentity(spec));
    this.identityRef = { kind: 'VSphereClusterIdentity', name: spec.name };
    const manifest = renderVSphereIdentity(spec);
    throwIfIssues(this, cdk8sYamlIssues([manifest]));
    this.identity = new RenderedApiObject(this, 'Resource', manifest, () => manifest);
  }
}

/**
 * A CAPV `VSphereFailureDomain` and its `VSphereDeploymentZone` (both cluster-scoped, same name),
 * shared by the clusters of one vCenter: emit it once, in a shared chart, and list `zoneName` in
 * the `infrastructure.vsphere.deploymentZones` of the clusters that use it.
 */
export class VSphereDeploymentZone extends Construct {
  /** For `infrastructure.vsphere.deploymentZones` and a pool's `failureDomain`. */
  public readonly zoneName: string;
  public readonly failureDomain: ApiObject;
  public readonly deploymentZone: ApiObject;

  constructor(scope: Construct, id: string, props: VSphereDeploymentZoneProps) {
    super(scope, id);
    const spec: VSphereDeploymentZoneSpec = { ...props, name: props.name ?? id };
    throwIfIssues(this, validateVSphereDeploymentZone(spec));
    this.zoneName = spec.name;
    const [failureDomain, zone] = renderVSphereDeploymentZone(spec);
    throwIfIssues(this, cdk8sYamlIssues([failureDomain, zone]));
    this.failureDomain = new RenderedApiObject(this, 'FailureDomain', failureDomain, () => failureDomain);
    this.deploymentZone = new RenderedApiObject(this, 'Resource', zone, () => zone);
  }
}
