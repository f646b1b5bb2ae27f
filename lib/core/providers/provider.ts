import { ValidationIssue } from '../errors';

/** Which machines a template is for. */
export type MachineRole = 'control-plane' | 'worker';

/** Reports one problem; paths are relative to the spec being validated. */
export type IssueSink = (issue: ValidationIssue) => void;

/**
 * What a Cluster API infrastructure provider contributes: its cluster object and its machine
 * templates. Adding a provider means one file implementing this interface plus one entry in
 * `PROVIDERS` (providers/index.ts).
 */
export interface InfrastructureProvider<ClusterSpec, MachineSpec> {
  /** Key of the provider's section in `infrastructure` and in `machine` props. */
  readonly id: string;
  /** Kind of the infrastructure cluster object, e.g. `AWSCluster`. */
  readonly clusterKind: string;
  /** Kind of the machine template, e.g. `AWSMachineTemplate`. */
  readonly machineTemplateKind: string;
  /** Checks the cluster-level settings. */
  validateCluster(spec: ClusterSpec, report: IssueSink): void;
  /** Checks one machine section (undefined when the user gave none). */
  validateMachine(spec: MachineSpec | undefined, role: MachineRole, report: IssueSink): void;
  /** The infrastructure cluster's `spec`. */
  renderClusterSpec(spec: ClusterSpec, clusterName: string): Record<string, unknown>;
  /** The machine template's `spec.template.spec`. */
  renderMachineSpec(spec: MachineSpec | undefined, role: MachineRole, clusterSpec: ClusterSpec): Record<string, unknown>;
  /** kubeadm settings this provider needs on every machine; user settings win on conflict. */
  readonly kubeadmDefaults: ProviderKubeadmDefaults;
}

export interface ProviderKubeadmDefaults {
  readonly kubeletExtraArgs?: Record<string, string>;
  readonly controllerManagerExtraArgs?: Record<string, string>;
  readonly certSans?: readonly string[];
  /** kubeadm `nodeRegistration.name` (e.g. the EC2 private DNS name). */
  readonly nodeName?: string;
}

/** Reports `message` at `path` when `value` is set and is not one of `allowed`. */
export function checkEnum(report: IssueSink, path: string, value: unknown, allowed: readonly string[], what: string): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    report({ path, message: `unknown ${what}`, value, allowed: allowed.join(', '), fix: `use one of ${allowed.join(', ')}` });
  }
}

/** Reports when `value` is set and is not an integer within [min, max]. */
export function checkInteger(report: IssueSink, path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER, fix?: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    report({ path, message: `must be ${allowed}`, value, allowed, fix: fix ?? `set ${path} to ${allowed}` });
  }
}

/** Reports when `value` is set and is not a non-empty string. */
export function checkNonEmptyString(report: IssueSink, path: string, value: unknown, fix?: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim().length === 0) {
    report({ path, message: 'must be a non-empty string', value, fix: fix ?? `set ${path} to a value or leave it out` });
  }
}
