/**
 * CAPV's shared objects as Pulumi components: a `VSphereClusterIdentity` with the Secret it points
 * to (created from Pulumi secrets), and a deployment zone (`VSphereFailureDomain` and
 * `VSphereDeploymentZone`). Both render from the provider folder, as the cdk8s constructs do.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import {
  DEFAULT_CAPV_NAMESPACE, renderVSphereDeploymentZone, renderVSphereIdentity, sharedObjectMetadata, validateVSphereDeploymentZone,
  validateVSphereIdentity, VSphereDeploymentZoneSpec, VSphereIdentityRef, VSphereIdentitySpec,
} from '../../providers/vsphere';
import { objectNameProblem } from '../../support/names';
import { isKnown, PropertyIssue, throwIfIssues } from '../aws/_issues';

/** Pulumi type token of {@link VSphereIdentity}. */
export const VSPHERE_IDENTITY_TYPE = 'capi-constructs:vsphere:VSphereIdentity';
/** Pulumi type token of {@link VSphereDeploymentZone}. */
export const VSPHERE_DEPLOYMENT_ZONE_TYPE = 'capi-constructs:vsphere:VSphereDeploymentZone';

/** Arguments of {@link VSphereIdentity}. */
export interface VSphereIdentityArgs extends Omit<VSphereIdentitySpec, 'name' | 'secretName'> {
  /** `metadata.name` of the identity (cluster-scoped). @default - the component name */
  readonly identityName?: string;
  /** vCenter user name (Secret key `username`). Required; stored as a Pulumi secret. */
  readonly username: pulumi.Input<string>;
  /** vCenter password (Secret key `password`). Required; stored as a Pulumi secret. */
  readonly password: pulumi.Input<string>;
  /** Name of the Secret. @default - `<identityName>-credentials` */
  readonly secretName?: string;
  /** Namespace CAPV runs in: it reads the Secret from there. @default 'capv-system' */
  readonly controllerNamespace?: string;
}

/** Every problem with {@link VSphereIdentityArgs}; empty when valid. Pure. */
export function validateVSphereIdentityArgs(name: string, args: VSphereIdentityArgs): PropertyIssue[] {
  const identityName = args.identityName ?? name;
  const issues: PropertyIssue[] = validateVSphereIdentity({ ...args, name: identityName, secretName: args.secretName ?? `${identityName}-credentials` }, 'identityName')
    // A derived Secret name is only wrong when the identity name is, which is reported already.
    .filter(i => i.path !== 'secretName' || args.secretName !== undefined)
    .map(i => ({ propertyPath: i.path, reason: `${i.message}${i.fix ? `; ${i.fix}` : ''}.` }));
  for (const field of ['username', 'password'] as const) {
    const value = args[field];
    if (value === undefined || value === null || (isKnown(value) && value === '')) {
      issues.push({ propertyPath: field, reason: `${field} is required and must not be empty; pass it from stack config as a secret, e.g. config.requireSecret('${field}').` });
    }
  }
  if (args.controllerNamespace !== undefined && objectNameProblem(args.controllerNamespace, 'label')) {
    issues.push({ propertyPath: 'controllerNamespace', reason: `must be a namespace name (a DNS-1123 label); give the namespace CAPV runs in (default "${DEFAULT_CAPV_NAMESPACE}").` });
  }
  return issues;
}

/**
 * vCenter credentials for CAPV: a `VSphereClusterIdentity` (cluster-scoped, rendered by the
 * provider folder) and the Secret it points to in CAPV's namespace. Both credentials are Pulumi
 * secrets (the Secret's whole `stringData` is wrapped). Pass the management cluster's Kubernetes
 * provider in `opts`. Children: `${name}-secret` and `${name}-identity` (which depends on it).
 */
export class VSphereIdentity extends pulumi.ComponentResource {
  /** For `infrastructure.vsphere.identity` (known at construction). */
  public readonly identityRef: VSphereIdentityRef;
  public readonly secretName: string;
  public readonly secretNamespace: string;
  /** Escape hatch: the VSphereClusterIdentity object. */
  public readonly identity: k8s.apiextensions.CustomResource;
  /** Escape hatch: the credentials Secret. */
  public readonly secret: k8s.core.v1.Secret;

  constructor(name: string, args: VSphereIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(VSPHERE_IDENTITY_TYPE, name, {}, opts);
    throwIfIssues(VSPHERE_IDENTITY_TYPE, name, validateVSphereIdentityArgs(name, args));
    const identityName = args.identityName ?? name;
    this.identityRef = { kind: 'VSphereClusterIdentity', name: identityName };
    this.secretName = args.secretName ?? `${identityName}-credentials`;
    this.secretNamespace = args.controllerNamespace ?? DEFAULT_CAPV_NAMESPACE;
    this.secret = new k8s.core.v1.Secret(`${name}-secret`, {
      metadata: { ...sharedObjectMetadata(this.secretName, args.clusterNames), namespace: this.secretNamespace },
      type: 'Opaque',
      stringData: pulumi.secret({ username: args.username, password: args.password }),
    }, { parent: this });
    const manifest = renderVSphereIdentity({ name: identityName, secretName: this.secretName, allowedNamespaces: args.allowedNamespaces, clusterNames: args.clusterNames });
    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, manifest as k8s.apiextensions.CustomResourceArgs, { parent: this, dependsOn: [this.secret] });
    this.registerOutputs({ identityRef: this.identityRef, secretName: this.secretName, secretNamespace: this.secretNamespace });
  }
}

/** Arguments of {@link VSphereDeploymentZone}. */
export interface VSphereDeploymentZoneArgs extends Omit<VSphereDeploymentZoneSpec, 'name'> {
  /** Name of the zone and its failure domain. @default - the component name */
  readonly zoneName?: string;
}

/**
 * A `VSphereFailureDomain` and its `VSphereDeploymentZone` (cluster-scoped, same name), shared by
 * the clusters of one vCenter: create it once and list `zoneName` in their
 * `infrastructure.vsphere.deploymentZones`. Children: `${name}-failure-domain` and `${name}-zone`.
 */
export class VSphereDeploymentZone extends pulumi.ComponentResource {
  public readonly zoneName: string;
  public readonly failureDomain: k8s.apiextensions.CustomResource;
  public readonly deploymentZone: k8s.apiextensions.CustomResource;

  constructor(name: string, args: VSphereDeploymentZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super(VSPHERE_DEPLOYMENT_ZONE_TYPE, name, {}, opts);
    const spec: VSphereDeploymentZoneSpec = { ...args, name: args.zoneName ?? name };
    throwIfIssues(VSPHERE_DEPLOYMENT_ZONE_TYPE, name, validateVSphereDeploymentZone(spec).map(i => ({
      propertyPath: i.path === 'name' ? 'zoneName' : i.path, reason: `${i.message}${i.fix ? `; ${i.fix}` : ''}.`,
    })));
    this.zoneName = spec.name;
    const [failureDomain, zone] = renderVSphereDeploymentZone(spec);
    this.failureDomain = new k8s.apiextensions.CustomResource(`${name}-failure-domain`, failureDomain as k8s.apiextensions.CustomResourceArgs, { parent: this });
    this.deploymentZone = new k8s.apiextensions.CustomResource(`${name}-zone`, zone as k8s.apiextensions.CustomResourceArgs, { parent: this, dependsOn: [this.failureDomain] });
    this.registerOutputs({ zoneName: this.zoneName });
  }
}
