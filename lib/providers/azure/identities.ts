/**
 * CAPZ's `AzureClusterIdentity` as a plain spec: workload identity, or a service principal whose
 * secret is a Secret referenced by name (never carried here). Both engines emit it from here:
 * cdk8s with the AzureClusterIdentity construct, Pulumi with the CapzClusterIdentity component
 * (which may also create the Secret from a Pulumi secret). The identity is namespaced; it may
 * serve clusters of other namespaces through `allowedNamespaces`.
 */
import { Manifest } from '../../capi';
import { ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { AllowedNamespaces, identityMetadata } from '../aws/identities';
import { CAPZ_API_VERSION } from './render';

/** Identity types this library writes (CAPZ v1.26.0 api/v1beta1/types.go IdentityType). */
export type AzureIdentityType = 'WorkloadIdentity' | 'ServicePrincipal';

/** An `AzureClusterIdentity` (namespaced). */
export interface AzureClusterIdentitySpec {
  /** `metadata.name`, used in `infrastructure.azure.identity.name`. */
  readonly name: string;
  /** `metadata.namespace`. */
  readonly namespace: string;
  /**
   * `WorkloadIdentity`: CAPZ exchanges its service account token for the app's (federated
   * credential, no secret). `ServicePrincipal`: CAPZ reads the app's client secret from `clientSecret`.
   * Immutable (CAPZ's webhook refuses changing it).
   */
  readonly type: AzureIdentityType;
  /** Client (application) id of the app registration or managed identity, a GUID. */
  readonly clientId: string;
  /** Microsoft Entra tenant id, a GUID. */
  readonly tenantId: string;
  /**
   * The Secret holding the service principal's password under the key `clientSecret`. Only and
   * required for `ServicePrincipal`. Create it outside Git.
   */
  readonly clientSecret?: { readonly name: string; /** @default - the identity's namespace */ readonly namespace?: string };
  /**
   * Which namespaces' AzureClusters may use the identity. CAPZ lets no namespace use an identity
   * without it, not even the identity's own.
   * @default - the identity's own namespace
   */
  readonly allowedNamespaces?: AllowedNamespaces;
  /**
   * Names of the CAPI clusters that use this identity, written as the annotation
   * `capi-constructs.io/clusters: "a,b"`. @default - no annotation
   */
  readonly clusterNames?: readonly string[];
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Every problem with an identity spec; empty when valid. `namePath` is the property the name came from. */
export function validateAzureClusterIdentity(spec: AzureClusterIdentitySpec, namePath = 'name'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string, value?: unknown, fix?: string) => issues.push({ path, message, value, fix });
  if (objectNameProblem(spec.name, 'subdomain')) add(namePath, 'the identity name must be a DNS-1123 subdomain', spec.name, `set ${namePath}`);
  if (objectNameProblem(spec.namespace, 'label')) add('namespace', 'the identity is namespaced: it needs a namespace name (a DNS-1123 label)', spec.namespace, 'set namespace (the cdk8s construct takes its chart\'s)');
  if (spec.type !== 'WorkloadIdentity' && spec.type !== 'ServicePrincipal') add('type', 'unknown identity type', spec.type, "use 'WorkloadIdentity' or 'ServicePrincipal'");
  // CAPZ v1.26.0 config/crd: clientID and tenantID are required; Entra ids are GUIDs.
  if (typeof spec.clientId !== 'string' || !GUID.test(spec.clientId)) add('clientId', 'must be the client (application) id, a GUID', spec.clientId);
  if (typeof spec.tenantId !== 'string' || !GUID.test(spec.tenantId)) add('tenantId', 'must be the tenant id, a GUID', spec.tenantId);
  const secret = spec.clientSecret;
  if (spec.type === 'ServicePrincipal' && secret === undefined) {
    add('clientSecret', 'a service principal identity needs the Secret holding its client secret', undefined, 'set clientSecret: { name } (the Secret has the key clientSecret)');
  }
  if (spec.type === 'WorkloadIdentity' && secret !== undefined) {
    add('clientSecret', 'a workload identity has no client secret: CAPZ would not read it', undefined, 'remove clientSecret, or use type ServicePrincipal');
  }
  if (secret !== undefined) {
    if (objectNameProblem(secret.name, 'subdomain')) add('clientSecret.name', 'must be a Secret name (a DNS-1123 subdomain)', secret.name);
    if (secret.namespace !== undefined && objectNameProblem(secret.namespace, 'label')) add('clientSecret.namespace', 'must be a namespace name (a DNS-1123 label)', secret.namespace);
  }
  for (const p of spec.allowedNamespaces?.problems() ?? []) add(`allowedNamespaces.${p.path}`, p.reason);
  (spec.clusterNames ?? []).forEach((c, i) => {
    if (objectNameProblem(c, 'label')) add(`clusterNames[${i}]`, 'must be a cluster name (a DNS-1123 label)', c);
  });
  return issues;
}

/** The `AzureClusterIdentity` of a spec (validate it first). */
export function renderAzureClusterIdentity(spec: AzureClusterIdentitySpec): Manifest {
  const allowed = (spec.allowedNamespaces ?? AllowedNamespaces.names(spec.namespace)).toSpec();
  const body: Record<string, unknown> = { type: spec.type, clientID: spec.clientId, tenantID: spec.tenantId };
  if (spec.clientSecret) body.clientSecret = { name: spec.clientSecret.name, namespace: spec.clientSecret.namespace ?? spec.namespace };
  if (allowed !== undefined) body.allowedNamespaces = allowed;
  return {
    apiVersion: CAPZ_API_VERSION,
    kind: 'AzureClusterIdentity',
    metadata: { ...identityMetadata(spec.name, spec.clusterNames), namespace: spec.namespace },
    spec: body,
  };
}
