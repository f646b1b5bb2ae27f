import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AzureClusterIdentitySpec, AzureIdentityRef, renderAzureClusterIdentity, validateAzureClusterIdentity } from '../providers/azure';
import { RenderedApiObject } from './_rendered-object';
import { throwIfIssues } from './_construct-issues';
import { cdk8sYamlIssues } from './_yaml-safety';

/** Props of an AzureClusterIdentity: the core spec, with the name and namespace defaulting to the construct's. */
export interface AzureClusterIdentityProps extends Omit<AzureClusterIdentitySpec, 'name' | 'namespace'> {
  /** `metadata.name` of the identity. @default - the construct id */
  readonly name?: string;
  /** `metadata.namespace` of the identity. @default - the chart's namespace */
  readonly namespace?: string;
}

/**
 * CAPZ's `AzureClusterIdentity` (namespaced): workload identity, or a service principal whose
 * client secret CAPZ reads from the Secret `clientSecret.name`. The construct never carries the
 * secret: create the Secret outside Git (an ExternalSecret, a sealed secret, Pulumi's
 * CapzClusterIdentity). Put it in the chart of the clusters' namespace and reference it from
 * `infrastructure.azure.identity` with `identityRef`.
 */
export class AzureClusterIdentity extends Construct {
  /** For `infrastructure.azure.identity` of the clusters that use it. */
  public readonly identityRef: AzureIdentityRef;
  /** The identity object. */
  public readonly identity: ApiObject;

  constructor(scope: Construct, id: string, props: AzureClusterIdentityProps) {
    super(scope, id);
    const spec: AzureClusterIdentitySpec = { ...props, name: props.name ?? id, namespace: props.namespace ?? Chart.of(this).namespace ?? '' };
    throwIfIssues(this, validateAzureClusterIdentity(spec));
    this.identityRef = { name: spec.name, namespace: spec.namespace };
    const manifest = renderAzureClusterIdentity(spec);
    throwIfIssues(this, cdk8sYamlIssues([manifest]));
    this.identity = new RenderedApiObject(this, 'Resource', manifest, () => manifest);
  }
}
