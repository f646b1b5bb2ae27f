import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
// The Azure provider in Pulumi: ManagedCluster's `infrastructure.azure` with Inputs at the
// provider's input leaves, and the CapzClusterIdentity component.
import {
  AzureClusterSpec, AzureClusterIdentitySpec, AzureIdentityRef, AzureIdentityType, AzureNetworkSpec, AzureVnetSpec, identityMetadata,
  renderAzureClusterIdentity, validateAzureClusterIdentity,
} from '../providers';
import { ValidationIssue } from '../support/issues';
import { isKnown, PropertyIssue, throwIfIssues } from './aws/_issues';

/** `AzureVnetSpec` whose name and resource group may be Pulumi Inputs (e.g. an azure-native VirtualNetwork's outputs). */
export interface ManagedClusterAzureVnetArgs extends Omit<AzureVnetSpec, 'name' | 'resourceGroup'> {
  /** @default '<cluster>-vnet' */
  readonly name?: pulumi.Input<string>;
  /** @default - the cluster's resource group */
  readonly resourceGroup?: pulumi.Input<string>;
}

/** `AzureClusterSpec` with the leaves that only go into the AzureCluster as Pulumi Inputs. */
export interface ManagedClusterAzureArgs extends Omit<AzureClusterSpec, 'subscriptionId' | 'resourceGroup' | 'identity' | 'network'> {
  readonly subscriptionId: pulumi.Input<string>;
  /** @default - the cluster name */
  readonly resourceGroup?: pulumi.Input<string>;
  /** The AzureClusterIdentity, e.g. a CapzClusterIdentity's `identityRef`. */
  readonly identity: { readonly name: pulumi.Input<string>; /** @default - the cluster's namespace */ readonly namespace?: string };
  /** @default - a CAPZ-created network `<cluster>-vnet` 10.0.0.0/8 */
  readonly network?: Omit<AzureNetworkSpec, 'vnet'> & { readonly vnet?: ManagedClusterAzureVnetArgs };
}

declare module './managed-cluster' {
  interface InfrastructureInputArgs {
    readonly azure?: ManagedClusterAzureArgs;
  }
}

/** Pulumi type token of {@link CapzClusterIdentity}. */
export const CAPZ_CLUSTER_IDENTITY_TYPE = 'capi-constructs:azure:CapzClusterIdentity';

/** Arguments of {@link CapzClusterIdentity}. */
export interface CapzClusterIdentityArgs extends Pick<AzureClusterIdentitySpec, 'namespace' | 'allowedNamespaces' | 'clusterNames'> {
  /** `metadata.name` of the identity. @default - the component name */
  readonly identityName?: string;
  /** `WorkloadIdentity` or `ServicePrincipal` (immutable). */
  readonly type: AzureIdentityType;
  /** Client (application) id, a GUID. */
  readonly clientId: pulumi.Input<string>;
  /** Tenant id, a GUID. */
  readonly tenantId: pulumi.Input<string>;
  /**
   * The service principal's client secret: the component creates the Secret
   * `<identityName>-client-secret` (key `clientSecret`) from it, as a Pulumi secret.
   * Only for `ServicePrincipal`; give this or `clientSecretName`.
   * @default - none
   */
  readonly clientSecret?: pulumi.Input<string>;
  /** An existing Secret in `namespace` holding the key `clientSecret`. @default - none */
  readonly clientSecretName?: string;
}

/** Placeholder the core validates in place of an id that is not known yet (a Pulumi Output). */
const UNKNOWN_GUID = '00000000-0000-4000-8000-000000000000';

function coreSpec(name: string, args: CapzClusterIdentityArgs): AzureClusterIdentitySpec {
  const identityName = args.identityName ?? name;
  const secretName = args.clientSecretName ?? (args.clientSecret !== undefined ? `${identityName}-client-secret` : undefined);
  return {
    name: identityName, namespace: args.namespace, type: args.type,
    clientId: isKnown(args.clientId) ? args.clientId : UNKNOWN_GUID,
    tenantId: isKnown(args.tenantId) ? args.tenantId : UNKNOWN_GUID,
    clientSecret: secretName === undefined ? undefined : { name: secretName },
    allowedNamespaces: args.allowedNamespaces, clusterNames: args.clusterNames,
  };
}

/** The core's issue as a sentence; a missing client secret names the component's two ways to give it. */
function reasonOf(issue: ValidationIssue, type: AzureIdentityType): string {
  if (issue.path === 'clientSecret' && type === 'ServicePrincipal') {
    return 'a service principal identity needs its client secret: give clientSecret (the component creates the Secret) or clientSecretName (an existing Secret with the key clientSecret).';
  }
  return `${issue.message}${issue.fix ? `; ${issue.fix}` : ''}.`;
}

/** Every problem with {@link CapzClusterIdentityArgs}; empty when valid. Pure. */
export function validateCapzClusterIdentityArgs(name: string, args: CapzClusterIdentityArgs): PropertyIssue[] {
  // A derived Secret name is only wrong when the identity name is, which is reported already.
  const issues: PropertyIssue[] = validateAzureClusterIdentity(coreSpec(name, args), 'identityName')
    .filter(i => i.path !== 'clientSecret.name' || args.clientSecretName !== undefined)
    .map(i => ({ propertyPath: i.path === 'clientSecret.name' ? 'clientSecretName' : i.path, reason: reasonOf(i, args.type) }));
  if (args.clientSecret !== undefined && args.clientSecretName !== undefined) {
    issues.push({ propertyPath: 'clientSecretName', reason: 'give either clientSecret (the component creates the Secret) or clientSecretName (an existing Secret), not both.' });
  }
  return issues;
}

/**
 * CAPZ credentials: an `AzureClusterIdentity` (namespaced, rendered by the core) and, for a
 * service principal given `clientSecret`, the Secret it points to, in the identity's namespace.
 * The client secret is a Pulumi secret, never in plain text in the state or outputs. Pass the
 * management cluster's Kubernetes provider in `opts`. Children: `${name}-secret` (when created)
 * and `${name}-identity`.
 */
export class CapzClusterIdentity extends pulumi.ComponentResource {
  /** For `infrastructure.azure.identity` (known at construction). */
  public readonly identityRef: AzureIdentityRef;
  /** Escape hatch: the AzureClusterIdentity object. */
  public readonly identity: k8s.apiextensions.CustomResource;
  /** Escape hatch: the client secret's Secret, when the component created it. */
  public readonly secret?: k8s.core.v1.Secret;

  constructor(name: string, args: CapzClusterIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CAPZ_CLUSTER_IDENTITY_TYPE, name, {}, opts);
    throwIfIssues(CAPZ_CLUSTER_IDENTITY_TYPE, name, validateCapzClusterIdentityArgs(name, args));
    const spec = coreSpec(name, args);
    this.identityRef = { name: spec.name, namespace: spec.namespace };
    if (args.clientSecret !== undefined) {
      this.secret = new k8s.core.v1.Secret(`${name}-secret`, {
        metadata: { ...identityMetadata(spec.name, args.clusterNames), name: spec.clientSecret!.name, namespace: spec.namespace },
        type: 'Opaque',
        stringData: pulumi.secret({ clientSecret: args.clientSecret }),
      }, { parent: this });
    }
    const manifest = renderAzureClusterIdentity(spec);
    // The ids go back in place of the placeholders the core saw.
    const body = { ...(manifest.spec as Record<string, unknown>), clientID: args.clientId, tenantID: args.tenantId };
    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, { ...manifest, spec: body } as k8s.apiextensions.CustomResourceArgs,
      { parent: this, dependsOn: this.secret ? [this.secret] : [] });
    this.registerOutputs({ identityRef: this.identityRef });
  }
}
