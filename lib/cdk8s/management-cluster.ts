import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../capi';
import {
  ManagementClusterSpec, OperatorProviderType, renderValidatedManagementCluster, RenderedManagementCluster, validateManagementCluster,
} from '../management';
import { CapiValidationError, ValidationIssue } from '../support/issues';
import { cdk8sYamlIssues } from './_yaml-safety';
import { RenderedApiObject } from './_rendered-object';

/** Props of a ManagementCluster: the management spec, with the name defaulting to the construct id. */
export interface ManagementClusterProps extends Omit<ManagementClusterSpec, 'name'> {
  /**
   * Name of the management cluster (a label on every object, and the name workload clusters'
   * errors use).
   * @default - the construct id
   */
  readonly name?: string;
}

const MANAGEMENT_CLUSTER_SYMBOL = Symbol.for('capi-constructs.cdk8s.ManagementCluster');

/**
 * A Cluster API management cluster as cluster-api-operator v0.28 objects: the providers'
 * Namespaces, the Vault ClusterSecretStores, the ExternalSecrets that write the providers'
 * variables, and one CoreProvider, BootstrapProvider, ControlPlaneProvider,
 * InfrastructureProvider or AddonProvider per provider (core first). cert-manager and the
 * operator itself must run on the cluster first (README, "Management cluster").
 *
 * The props are validated when the construct is created, versions included; every problem is
 * reported at once in a CapiValidationError naming this construct's path. Pass the construct to
 * a workload `ManagedCluster`'s `managementCluster` prop to check that cluster against it.
 */
export class ManagementCluster extends Construct {
  /** True for a ManagementCluster, also across copies of this package. */
  public static isManagementCluster(x: unknown): x is ManagementCluster {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[MANAGEMENT_CLUSTER_SYMBOL] === true;
  }

  /** Name of the management cluster. */
  public readonly clusterName: string;

  private readonly spec: ManagementClusterSpec;
  private readonly rendered: RenderedManagementCluster;
  private readonly objects = new Map<string, ApiObject>();

  constructor(scope: Construct, id: string, props: ManagementClusterProps) {
    super(scope, id);
    Object.defineProperty(this, MANAGEMENT_CLUSTER_SYMBOL, { value: true });
    this.spec = { ...(props ?? ({} as ManagementClusterProps)), name: props?.name ?? id };
    this.clusterName = this.spec.name;
    const issues = validateManagementCluster(this.spec);
    if (issues.length > 0) throw this.error(issues);
    this.rendered = renderValidatedManagementCluster(this.spec);
    const unwritable = cdk8sYamlIssues(this.rendered.manifests);
    if (unwritable.length > 0) throw this.error(unwritable);
    for (const m of this.rendered.manifests) {
      const key = objectKey(m.kind, m.metadata.namespace, m.metadata.name);
      this.objects.set(key, new RenderedApiObject(this, key, { apiVersion: m.apiVersion, kind: m.kind }, () => m));
    }
  }

  /** The plain-data spec this construct renders. */
  public toSpec(): ManagementClusterSpec {
    return this.spec;
  }

  /** The rendered manifests, in the order they are written (Namespaces first, core provider before the others). */
  public get manifests(): readonly Manifest[] {
    return this.rendered.manifests;
  }

  /** The operator object of a provider, e.g. `providerObject('infrastructure', 'aws')`. */
  public providerObject(type: OperatorProviderType, name: string): ApiObject {
    const p = this.rendered.providers.find(r => r.type === type && r.name === name);
    if (!p) throw new Error(`ManagementCluster ${this.node.path} has no ${type} provider "${name}"; it has ${this.rendered.providers.map(r => `${r.type}/${r.name}`).join(', ')}`);
    return this.objects.get(objectKey(p.kind, p.namespace, p.name))!;
  }

  private error(issues: readonly ValidationIssue[]): CapiValidationError {
    return new CapiValidationError(issues, `ManagementCluster [${this.node.path}] (management cluster ${JSON.stringify(this.clusterName)})`);
  }
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}-${namespace}-${name}` : `${kind}-${name}`;
}
