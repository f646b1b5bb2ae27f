/**
 * What every object of one cluster is rendered with: its name, namespace, provider, overrides,
 * and the two ways an object is made (a plain object, or an immutable template named after the
 * hash of its final spec). Problems found while rendering are collected here.
 */
import { ANNOTATIONS, LABELS, MANAGED_BY, Manifest, normalizeManifest, ObjectRef, orderTopLevel } from '../../capi';
import { specHash } from '../../support/hash';
import { ValidationIssue } from '../../support/issues';
import { applyOverrides, parsePath } from '../overrides';
import { checkFinalObject } from '../validate/objects';
import { InfrastructureProvider, MachineRole, providerOf } from '../provider';
import { MachineSpec, ManagedClusterSpec, PinnedTemplateName } from '../spec';
import { CAPI_V1_14_SUPPORTED_VERSIONS, KubernetesVersion } from '../versions';

export const DEFAULT_NAMESPACE = 'default';

export class RenderContext {
  public readonly issues: ValidationIssue[] = [];
  public readonly name: string;
  public readonly namespace: string;
  /** The control plane's Kubernetes version, `vX.Y.Z`. */
  public readonly version: string;
  public readonly provider: InfrastructureProvider;
  /** The provider's section of `infrastructure`. */
  public readonly providerSpec: unknown;
  private readonly overrides: NonNullable<ManagedClusterSpec['overrides']>;
  private readonly usedTargets = new Set<string>();
  private readonly roleOf = new Map<Manifest, string>();

  constructor(public readonly spec: ManagedClusterSpec) {
    this.name = spec.name;
    this.namespace = spec.namespace ?? DEFAULT_NAMESPACE;
    this.version = KubernetesVersion.from(spec.version).version;
    this.provider = providerOf(spec.infrastructure)!;
    this.providerSpec = (spec.infrastructure as Record<string, unknown>)[this.provider.id];
    this.overrides = spec.overrides ?? [];
  }

  /** The role an object was rendered for, e.g. `pool/gpu/machine-deployment`. */
  public role(m: Manifest): string {
    return this.roleOf.get(m)!;
  }

  public wasTargeted(target: string): boolean {
    return this.usedTargets.has(target);
  }

  /** The provider's machine template for one machine section. */
  public machineTemplate(target: string, prefix: string, machine: MachineSpec | undefined, role: MachineRole, labels: Record<string, string>, pin: PinnedTemplateName | undefined, pinPath: string): Manifest {
    const machineSpec = (machine as Record<string, unknown> | undefined)?.[this.provider.id];
    return this.template(target, this.provider.apiVersion, this.provider.machineTemplateKind, prefix, labels,
      { template: { spec: this.provider.renderMachineSpec(machineSpec, role, this.providerSpec) } }, pin, pinPath);
  }

  /**
   * An immutable template: overrides are applied first, then the name gets the hash of the
   * final spec, so any change (an override included) yields a new name and a rollout.
   */
  public template(target: string, apiVersion: string, kind: string, prefix: string, labels: Record<string, string>, spec: Record<string, unknown>, pin: PinnedTemplateName | undefined, pinPath: string): Manifest {
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

  /** A namespaced object of this cluster with the common labels, its overrides applied. */
  public object(target: string, apiVersion: string, kind: string, name: string, annotations: Record<string, string>, body: Record<string, unknown>, labels: Record<string, string> = {}): Manifest {
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
    const overridden = this.overrides.some(o => o?.target === target);
    if (overridden) this.issues.push(...applyOverrides(draft, target, this.overrides));
    const manifest = orderTopLevel((overridden ? normalizeManifest(draft) : draft) as Manifest);
    if (overridden) this.checkOverridden(target, manifest);
    this.roleOf.set(manifest, target);
    return manifest;
  }

  /**
   * The spec's rules on an object after its overrides, each problem reported at the override
   * that wrote the field (the last one whose path meets it), or the last one aimed at the object.
   */
  private checkOverridden(target: string, m: Manifest): void {
    const mine = this.overrides.map((o, i) => ({ i, path: parsePath(o.path).join('.') })).filter(({ i }) => this.overrides[i].target === target);
    checkFinalObject(issue => {
      const meets = (p: string) => p === issue.path || issue.path.startsWith(`${p}.`) || issue.path.startsWith(`${p}[`) || p.startsWith(`${issue.path}.`);
      const writer = [...mine].reverse().find(o => meets(o.path.replace(/\.(\d+)(?=\.|$)/g, '[$1]'))) ?? mine[mine.length - 1];
      this.issues.push({ ...issue, path: `overrides[${writer.i}] (${m.kind} ${issue.path})` });
    }, m, this.spec.supportedVersions ?? CAPI_V1_14_SUPPORTED_VERSIONS);
  }
}

export function ref(apiGroup: string, m: Manifest): ObjectRef {
  return { apiGroup, kind: m.kind, name: m.metadata.name };
}
