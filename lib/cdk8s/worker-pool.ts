import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { domainNameSuffix, poolRole, WorkerPoolObject, WorkerPoolSpec } from '../core';
import { IManagedCluster, isManagedCluster } from './cluster-scope';

/** Options for `ManagedCluster.addWorkerPool`: a worker pool spec without its name (the construct id). */
export interface WorkerPoolOptions extends Omit<WorkerPoolSpec, 'name'> {}

/** Props of a WorkerPool. */
export interface WorkerPoolProps extends WorkerPoolOptions {
  /**
   * Pool name: the MachineDeployment is named `<cluster>-<name>`.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * A worker pool of a ManagedCluster: a MachineDeployment (also `node.defaultChild`), its
 * machine template and KubeadmConfigTemplate (both named after a hash of their spec) and an
 * optional MachineHealthCheck. `new WorkerPool(cluster, 'gpu', props)` and
 * `cluster.addWorkerPool('gpu', props)` are the same; pools given in the cluster's
 * `workerPools` prop become WorkerPools too. The cluster is validated with the new pool, and
 * every problem is reported at once.
 */
export class WorkerPool extends Construct {
  /** The pool's name. */
  public readonly poolName: string;
  /**
   * The MachineDeployments of a pool spread over `failureDomains`, by domain (e.g.
   * `pool.machineDeployments['eu-west-1a']`); empty for a pool without `failureDomains`.
   */
  public readonly machineDeployments: Readonly<Record<string, ApiObject>>;
  /** The provider's machine template (its name changes with its spec). */
  public readonly machineTemplate: ApiObject;
  /** The `KubeadmConfigTemplate` (its name changes with its spec). */
  public readonly bootstrapTemplate: ApiObject;
  /** The MachineHealthCheck, when `healthCheck` is set. */
  public readonly healthCheck?: ApiObject;

  private readonly spec: WorkerPoolSpec;
  private readonly single?: ApiObject;

  constructor(private readonly cluster: IManagedCluster, id: string, props: WorkerPoolProps = {}) {
    if (!isManagedCluster(cluster)) {
      throw new Error(`WorkerPool ${id}: the scope must be the ManagedCluster the pool belongs to`);
    }
    const { name, ...options } = props;
    const spec: WorkerPoolSpec = { ...options, name: name ?? id };
    // Checked before the construct joins the tree: a rejected pool leaves no trace.
    cluster._checkPool(spec);
    super(cluster, id);
    this.poolName = spec.name;
    this.spec = spec;
    cluster._addPool(this);
    const role = (object: WorkerPoolObject) => poolRole(this.poolName, object);
    this.machineTemplate = cluster._addObject(this, 'MachineTemplate', role('machine-template'));
    this.bootstrapTemplate = cluster._addObject(this, 'BootstrapTemplate', role('bootstrap-template'));
    const domains = spec.failureDomains ?? [];
    if (domains.length === 0) {
      this.single = cluster._addObject(this, 'Resource', role('machine-deployment'));
    }
    // Construct ids from the domain's name suffix: stable when domains are added, and free of '/'.
    this.machineDeployments = Object.fromEntries(domains.map(d => [d, cluster._addObject(this, `MachineDeployment-${domainNameSuffix(d)}`, poolRole(this.poolName, 'machine-deployment', d))]));
    if (this.spec.healthCheck) this.healthCheck = cluster._addObject(this, 'HealthCheck', role('health-check'));
  }

  /**
   * The `MachineDeployment` object (also `node.defaultChild`) of a pool without
   * `failureDomains`. A spread pool has one per domain: use `machineDeployments`.
   */
  public get machineDeployment(): ApiObject {
    if (!this.single) throw new Error(`WorkerPool ${this.node.path} is spread over failureDomains (${(this.spec.failureDomains ?? []).join(', ')}): use machineDeployments['<domain>']`);
    return this.single;
  }

  /** The pool's plain-data spec. */
  public toSpec(): WorkerPoolSpec {
    return this.spec;
  }

  /**
   * Overrides one field of the MachineDeployment (or, with `object`, of the machine template,
   * bootstrap template or health check), e.g. `gpu.addOverride('spec.template.spec.rootVolume.size', 200, 'machine-template')`.
   * Applied before template hashing: a changed template gets a new name and its machines roll.
   * For a pool spread over `failureDomains`, `domain` names the MachineDeployment to change
   * (`addOverride('spec.minReadySeconds', 30, 'machine-deployment', 'eu-west-1a')`).
   */
  public addOverride(path: string | readonly (string | number)[], value: unknown, object: WorkerPoolObject = 'machine-deployment', domain?: string): this {
    this.cluster._override({ target: poolRole(this.poolName, object, domain), path, value });
    return this;
  }
}
