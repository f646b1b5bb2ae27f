import { CapiValidationError, ValidationIssue } from './errors';
import { ANNOTATIONS, API, LABELS, Manifest, normalizeManifest, ObjectRef, orderTopLevel } from './manifest';
import { objectNameProblem, specHash } from './names';
import { applyOverrides } from './overrides';
import { InfrastructureProvider, MachineRole, PROVIDERS } from './providers';
import { ControlPlaneSpec, HealthCheckSpec, KubeadmCommonSpec, MachineSpec, ManagedClusterSpec, PinnedTemplateName, Taint, WorkerPoolSpec } from './spec';
import { isCapiSyncedLabel, validateClusterSpec } from './validate';
import { KubernetesVersion } from './versions';

/** The result of rendering one cluster: its manifests, dependencies first. */
export interface RenderedCluster {
  readonly name: string;
  readonly namespace: string;
  readonly manifests: readonly Manifest[];
  /** The role of each manifest (same index), as used by override targets, e.g. `pool/gpu/machine-deployment`. */
  readonly roles: readonly string[];
}

export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_POD_CIDRS = ['192.168.0.0/16'];
export const DEFAULT_SERVICE_CIDRS = ['10.128.0.0/12'];
export const DEFAULT_CONTROL_PLANE_REPLICAS = 3;
const MANAGED_BY = 'capi-constructs';

/** Every object role an override can target, for one cluster spec. */
export function overrideTargets(spec: ManagedClusterSpec): string[] {
  const targets = ['cluster', 'infrastructure-cluster', 'control-plane', 'control-plane/machine-template'];
  if (spec.controlPlane?.healthCheck) targets.push('control-plane/health-check');
  for (const pool of spec.workerPools ?? []) {
    targets.push(`pool/${pool.name}/machine-deployment`, `pool/${pool.name}/machine-template`, `pool/${pool.name}/bootstrap-template`);
    if (pool.healthCheck) targets.push(`pool/${pool.name}/health-check`);
  }
  return targets;
}

/**
 * Validates a cluster spec and renders its Cluster API manifests. Throws one
 * CapiValidationError listing every problem. Pure: same input, same output.
 */
export function renderManagedCluster(spec: ManagedClusterSpec): RenderedCluster {
  const issues = validateClusterSpec(spec);
  if (issues.length > 0) throw new CapiValidationError(issues, `cluster ${JSON.stringify(spec?.name)}`);
  return renderValidatedCluster(spec);
}

/**
 * Renders a spec that `validateClusterSpec` has just accepted, without validating it again
 * (engines that validate eagerly use it to avoid paying twice). Problems found while rendering
 * (overrides, pins, final names) still throw.
 * @internal
 */
export function renderValidatedCluster(spec: ManagedClusterSpec): RenderedCluster {
  return new ClusterRenderer(spec).render();
}

class ClusterRenderer {
  private readonly issues: ValidationIssue[] = [];
  private readonly name: string;
  private readonly namespace: string;
  private readonly version: string;
  private readonly providerId: string;
  private readonly provider: InfrastructureProvider<any, any>;
  private readonly providerSpec: any;
  private readonly overrides: ManagedClusterSpec['overrides'];
  private readonly usedTargets = new Set<string>();
  private readonly roleOf = new Map<Manifest, string>();

  constructor(private readonly spec: ManagedClusterSpec) {
    this.name = spec.name;
    this.namespace = spec.namespace ?? DEFAULT_NAMESPACE;
    this.version = KubernetesVersion.from(spec.version).version;
    this.providerId = Object.keys(spec.infrastructure).find(k => (spec.infrastructure as any)[k] !== undefined)!;
    this.provider = PROVIDERS[this.providerId];
    this.providerSpec = (spec.infrastructure as any)[this.providerId];
    this.overrides = spec.overrides ?? [];
  }

  public render(): RenderedCluster {
    const cp = this.spec.controlPlane ?? {};
    const out: Manifest[] = [];

    const infraCluster = this.object('infrastructure-cluster', API.infrastructure.version, this.provider.clusterKind, this.spec.names?.infrastructureCluster ?? this.name, {},
      { spec: this.provider.renderClusterSpec(this.providerSpec, this.name) });
    const cpTemplate = this.machineTemplate('control-plane/machine-template', `${this.name}-control-plane`, cp.machine, 'control-plane', {}, cp.names?.machineTemplate, 'controlPlane.names.machineTemplate');
    const kcp = this.object('control-plane', API.controlPlane.version, 'KubeadmControlPlane', cp.names?.controlPlane ?? `${this.name}-control-plane`, {}, {
      spec: this.controlPlaneSpec(cp, ref(API.infrastructure.group, cpTemplate)),
    });
    const cluster = this.object('cluster', API.cluster.version, 'Cluster', this.name, this.spec.annotations ?? {}, {
      spec: {
        clusterNetwork: {
          pods: { cidrBlocks: [...(this.spec.network?.podCidrs ?? DEFAULT_POD_CIDRS)] },
          services: { cidrBlocks: [...(this.spec.network?.serviceCidrs ?? DEFAULT_SERVICE_CIDRS)] },
          serviceDomain: this.spec.network?.serviceDomain ?? 'cluster.local',
          apiServerPort: this.spec.network?.apiServerPort,
        },
        controlPlaneRef: ref(API.controlPlane.group, kcp),
        infrastructureRef: ref(API.infrastructure.group, infraCluster),
        paused: this.spec.paused,
      },
    });
    out.push(infraCluster, cpTemplate, kcp, cluster);
    if (cp.healthCheck) {
      out.push(this.healthCheck('control-plane/health-check', cp.names?.healthCheck ?? `${this.name}-control-plane`, cp.healthCheck, { 'cluster.x-k8s.io/control-plane': '' }, {}));
    }
    (this.spec.workerPools ?? []).forEach((pool, i) => out.push(...this.workerPool(pool, i)));

    const unknown = this.overrides!.map((o, i) => ({ o, i })).filter(({ o }) => !this.usedTargets.has(o.target));
    for (const { o, i } of unknown) {
      this.issues.push({ path: `overrides[${i}].target`, message: 'no emitted object has this role', value: o.target, allowed: overrideTargets(this.spec).join(', ') });
    }
    for (const m of out) {
      const problem = objectNameProblem(m.metadata.name, 'subdomain');
      if (problem) this.issues.push({ path: `(${m.kind} name)`, message: problem, value: m.metadata.name, fix: 'shorten the cluster or pool name' });
    }
    if (this.issues.length > 0) throw new CapiValidationError(this.issues, `cluster ${JSON.stringify(this.name)}`);
    return { name: this.name, namespace: this.namespace, manifests: out, roles: out.map(m => this.roleOf.get(m)!) };
  }

  private workerPool(pool: WorkerPoolSpec, index: number): Manifest[] {
    const target = (role: string) => `pool/${pool.name}/${role}`;
    const poolLabels = { ...(pool.labels ?? {}), [LABELS.pool]: pool.name };
    const mdName = pool.names?.machineDeployment ?? `${this.name}-${pool.name}`;
    const prefix = `${this.name}-${pool.name}`;
    const machineTemplate = this.machineTemplate(target('machine-template'), prefix, pool.machine, 'worker', poolLabels, pool.names?.machineTemplate, `workerPools[${index}].names.machineTemplate`);
    const bootstrapTemplate = this.template(target('bootstrap-template'), API.bootstrap.version, 'KubeadmConfigTemplate', prefix, poolLabels,
      { template: { spec: this.workerKubeadmSpec(pool) } }, pool.names?.bootstrapTemplate, `workerPools[${index}].names.bootstrapTemplate`);

    const syncedLabels = Object.fromEntries(Object.entries(pool.nodeLabels ?? {}).filter(([k]) => isCapiSyncedLabel(k)));
    const selector = { [LABELS.clusterName]: this.name, 'cluster.x-k8s.io/deployment-name': mdName };
    const rollout = pool.rollout ?? {};
    const annotations: Record<string, string> = {};
    if (pool.autoscaling) {
      annotations[ANNOTATIONS.autoscalerMin] = String(pool.autoscaling.min);
      annotations[ANNOTATIONS.autoscalerMax] = String(pool.autoscaling.max);
    }
    const md = this.object(target('machine-deployment'), API.cluster.version, 'MachineDeployment', mdName, annotations, {
      spec: {
        clusterName: this.name,
        // Autoscaled pools leave replicas unset: CAPI's webhook starts them at min size and the
        // autoscaler owns the count from then on.
        replicas: pool.autoscaling ? undefined : pool.replicas ?? 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...selector, ...syncedLabels } },
          spec: {
            clusterName: this.name,
            version: pool.version ? KubernetesVersion.from(pool.version).version : this.version,
            bootstrap: { configRef: ref(API.bootstrap.group, bootstrapTemplate) },
            infrastructureRef: ref(API.infrastructure.group, machineTemplate),
            failureDomain: pool.failureDomain,
            deletion: deletionTimeouts(pool.deletion),
            minReadySeconds: pool.minReadySeconds,
            taints: pool.taintsViaMachineTaintPropagation && pool.taints?.length
              // An empty taint value means "no value"; the Machine taint field rejects "" (minLength 1).
              ? sortTaints(pool.taints).map(t => ({ key: t.key, value: t.value === '' ? undefined : t.value, effect: t.effect, propagation: 'Always' }))
              : undefined,
          },
        },
        rollout: (rollout.type || rollout.maxSurge !== undefined || rollout.maxUnavailable !== undefined || rollout.after)
          ? {
            after: rollout.after,
            strategy: rollout.type === 'OnDelete'
              ? { type: 'OnDelete' }
              : { type: 'RollingUpdate', rollingUpdate: { maxSurge: rollout.maxSurge ?? 1, maxUnavailable: rollout.maxUnavailable ?? 0 } },
          }
          : undefined,
        deletion: pool.deletionOrder ? { order: pool.deletionOrder } : undefined,
      },
    }, poolLabels);
    const out = [machineTemplate, bootstrapTemplate, md];
    if (pool.healthCheck) {
      out.push(this.healthCheck(target('health-check'), pool.names?.healthCheck ?? mdName, pool.healthCheck, { 'cluster.x-k8s.io/deployment-name': mdName }, poolLabels));
    }
    return out;
  }

  private controlPlaneSpec(cp: ControlPlaneSpec, infraRef: ObjectRef): Record<string, unknown> {
    const defaults = this.provider.kubeadmDefaults;
    const rollout = cp.rollout ?? {};
    const nodeRegistration = this.nodeRegistration(cp, cp.taints, {});
    return {
      replicas: cp.replicas ?? DEFAULT_CONTROL_PLANE_REPLICAS,
      version: this.version,
      machineTemplate: {
        spec: { infrastructureRef: infraRef, deletion: deletionTimeouts(cp.deletion) },
      },
      kubeadmConfigSpec: prune({
        clusterConfiguration: {
          apiServer: { extraArgs: args(cp.apiServerExtraArgs), certSANs: uniqueSorted([...(defaults.certSans ?? []), ...(cp.certSans ?? [])]) },
          controllerManager: { extraArgs: args({ ...defaults.controllerManagerExtraArgs, ...cp.controllerManagerExtraArgs }) },
          scheduler: { extraArgs: args(cp.schedulerExtraArgs) },
        },
        initConfiguration: { nodeRegistration },
        joinConfiguration: { nodeRegistration },
        ...this.commonKubeadm(cp),
      }),
      rollout: prune({
        after: rollout.after,
        before: { certificatesExpiryDays: rollout.certificatesExpiryDays },
        strategy: rollout.maxSurge !== undefined ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: rollout.maxSurge } } : undefined,
      }),
      remediation: prune({ ...(cp.remediation ?? {}) }),
    };
  }

  private workerKubeadmSpec(pool: WorkerPoolSpec): Record<string, unknown> {
    const kubeletLabels = Object.entries(pool.nodeLabels ?? {}).filter(([k]) => !isCapiSyncedLabel(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const extra: Record<string, string> = kubeletLabels.length > 0 ? { 'node-labels': kubeletLabels.map(([k, v]) => `${k}=${v}`).join(',') } : {};
    const taints = pool.taintsViaMachineTaintPropagation ? undefined : (pool.taints && pool.taints.length > 0 ? pool.taints : undefined);
    return prune({
      joinConfiguration: { nodeRegistration: this.nodeRegistration(pool, taints, extra) },
      ...this.commonKubeadm(pool),
    });
  }

  private nodeRegistration(spec: KubeadmCommonSpec, taints: readonly Taint[] | undefined, extraKubeletArgs: Record<string, string>): Record<string, unknown> {
    const defaults = this.provider.kubeadmDefaults;
    return {
      name: defaults.nodeName,
      kubeletExtraArgs: args({ ...defaults.kubeletExtraArgs, ...spec.kubeletExtraArgs, ...extraKubeletArgs }),
      // An empty list is kept on purpose: it removes kubeadm's default control-plane taint.
      taints: taints ? sortTaints(taints).map(t => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
    };
  }

  private commonKubeadm(spec: KubeadmCommonSpec): Record<string, unknown> {
    return {
      files: spec.files?.map(f => ({
        path: f.path,
        content: f.content,
        contentFrom: f.contentFromSecret ? { secret: { name: f.contentFromSecret.name, key: f.contentFromSecret.key } } : undefined,
        permissions: f.permissions,
        owner: f.owner,
        encoding: f.encoding,
        append: f.append,
      })),
      preKubeadmCommands: spec.preKubeadmCommands ? [...spec.preKubeadmCommands] : undefined,
      postKubeadmCommands: spec.postKubeadmCommands ? [...spec.postKubeadmCommands] : undefined,
      users: spec.users?.map(u => ({
        name: u.name,
        sshAuthorizedKeys: u.sshAuthorizedKeys ? [...u.sshAuthorizedKeys] : undefined,
        sudo: u.sudo,
        shell: u.shell,
        groups: u.groups,
        lockPassword: u.lockPassword,
        passwdFrom: u.passwordFromSecret ? { secret: { name: u.passwordFromSecret.name, key: u.passwordFromSecret.key } } : undefined,
      })),
      ntp: spec.ntpServers && spec.ntpServers.length > 0 ? { enabled: true, servers: [...spec.ntpServers] } : undefined,
    };
  }

  private healthCheck(target: string, name: string, hc: HealthCheckSpec, matchLabels: Record<string, string>, labels: Record<string, string>): Manifest {
    const conditions = hc.unhealthyNodeConditions ?? [
      { type: 'Ready', status: 'False', timeoutSeconds: 300 },
      { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
    ];
    return this.object(target, API.cluster.version, 'MachineHealthCheck', name, {}, {
      spec: {
        clusterName: this.name,
        selector: { matchLabels: { [LABELS.clusterName]: this.name, ...matchLabels } },
        checks: {
          nodeStartupTimeoutSeconds: hc.nodeStartupTimeoutSeconds,
          unhealthyNodeConditions: conditions.map(c => ({ type: c.type, status: c.status, timeoutSeconds: c.timeoutSeconds })),
        },
        remediation: hc.maxUnhealthy !== undefined || hc.unhealthyRange !== undefined
          ? { triggerIf: { unhealthyLessThanOrEqualTo: hc.maxUnhealthy, unhealthyInRange: hc.unhealthyRange } }
          : undefined,
      },
    }, labels);
  }

  private machineTemplate(target: string, prefix: string, machine: MachineSpec | undefined, role: MachineRole, labels: Record<string, string>, pin: PinnedTemplateName | undefined, pinPath: string): Manifest {
    const machineSpec = (machine as any)?.[this.providerId];
    return this.template(target, API.infrastructure.version, this.provider.machineTemplateKind, prefix, labels,
      { template: { spec: this.provider.renderMachineSpec(machineSpec, role, this.providerSpec) } }, pin, pinPath);
  }

  /**
   * An immutable template: overrides are applied first, then the name gets the hash of the
   * final spec, so any change (an override included) yields a new name and a rollout.
   */
  private template(target: string, apiVersion: string, kind: string, prefix: string, labels: Record<string, string>, spec: Record<string, unknown>, pin: PinnedTemplateName | undefined, pinPath: string): Manifest {
    const draft = this.object(target, apiVersion, kind, '(pending)', {
      [ANNOTATIONS.fluxPrune]: 'disabled',
      [ANNOTATIONS.argoSyncOptions]: 'Prune=false',
    }, { spec }, labels);
    const hash = specHash(draft.spec);
    let name = `${prefix}-${hash}`;
    if (pin) {
      if (pin.specHash === hash) {
        name = pin.name;
      } else {
        this.issues.push({
          path: `${pinPath}.specHash`,
          message: `the ${kind} spec no longer matches the pinned name "${pin.name}" (spec hash is now ${hash})`,
          value: pin.specHash,
          fix: `when adopting and the rendered spec equals the live object, set specHash to '${hash}'; after a deliberate change, remove the pin: the template becomes "${prefix}-${hash}" and its machines roll`,
        });
      }
    }
    const named = { ...draft, metadata: { ...draft.metadata, name } };
    this.roleOf.set(named, target);
    return named;
  }

  private object(target: string, apiVersion: string, kind: string, name: string, annotations: Record<string, string>, body: Record<string, unknown>, labels: Record<string, string> = {}): Manifest {
    const draft: Record<string, any> = normalizeManifest({
      apiVersion,
      kind,
      metadata: {
        name,
        namespace: this.namespace,
        labels: { ...(this.spec.labels ?? {}), ...labels, [LABELS.clusterName]: this.name, [LABELS.managedBy]: MANAGED_BY },
        annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
      },
      ...body,
    });
    this.usedTargets.add(target);
    // Normalize again only when an override changed the draft: it is sorted and clean already,
    // and a second deep copy of every object is a tenth of the core's render time.
    const overridden = this.overrides!.some(o => o?.target === target);
    if (overridden) this.issues.push(...applyOverrides(draft, target, this.overrides!));
    const manifest = orderTopLevel((overridden ? normalizeManifest(draft) : draft) as Manifest);
    this.roleOf.set(manifest, target);
    return manifest;
  }
}

function ref(apiGroup: string, m: Manifest): ObjectRef {
  return { apiGroup, kind: m.kind, name: m.metadata.name };
}

/** kubeadm extraArgs are a list of `{name, value}` with unique names; sorted for stable output. */
function args(record: Record<string, string> | undefined): Array<{ name: string; value: string }> | undefined {
  const entries = Object.entries(record ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return undefined;
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
}

function deletionTimeouts(d: ControlPlaneSpec['deletion']): Record<string, number> | undefined {
  return prune({ ...(d ?? {}) }) as Record<string, number> | undefined;
}

function sortTaints(taints: readonly Taint[]): Taint[] {
  return [...taints].sort((a, b) => (`${a.key}:${a.effect}` < `${b.key}:${b.effect}` ? -1 : 1));
}

function uniqueSorted(list: string[]): string[] | undefined {
  return list.length > 0 ? [...new Set(list)].sort() : undefined;
}

/**
 * Drops undefined values and the empty objects and lists they leave behind, which the v1beta2
 * CRDs reject (minProperties / minItems). `taints` lists are kept even when empty: there an
 * empty list means "no taints" and differs from an absent one.
 */
function prune(value: any, key = ''): any {
  if (Array.isArray(value)) {
    const items = value.map(v => prune(v)).filter(v => v !== undefined);
    return items.length > 0 || key === 'taints' ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v, k);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}
