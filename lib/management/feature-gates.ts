/**
 * Features of a workload cluster spec that only work when a feature gate of a management-cluster
 * provider is on. One row per feature: a later feature adds its row here (one line with `gate`).
 */
import { ManagedClusterSpec } from '../core';
import { OperatorProviderType } from './versions';

/** A feature of a workload cluster that needs a provider's feature gate. */
export interface FeatureGateRequirement {
  /** The gate, e.g. `MachineTaintPropagation`. */
  readonly gate: string;
  /** The provider that must have it on (type and operator name). */
  readonly provider: { readonly type: OperatorProviderType; readonly name: string };
  /** The feature of the cluster spec, for messages. */
  readonly feature: string;
  /** Whether the gate is on when the provider's `featureGates` does not name it. */
  readonly enabledByDefault: boolean;
  /** Upstream file that declares the gate and its default. */
  readonly source: string;
  /** Paths in the cluster spec that use the feature (empty when unused). */
  usedAt(cluster: ManagedClusterSpec): string[];
}

const CAPI_FEATURES = 'cluster-api v1.14.0 feature/feature.go';

/** A requirement on the core provider's gate `gate` (off by default unless said). */
function coreGate(gate: string, feature: string, usedAt: (cluster: ManagedClusterSpec) => string[], enabledByDefault = false): FeatureGateRequirement {
  return { gate, provider: { type: 'core', name: 'cluster-api' }, feature, enabledByDefault, source: CAPI_FEATURES, usedAt };
}

/**
 * The table. MachinePool (on by default since Cluster API v1.7) is not here: the library renders
 * no MachinePool yet.
 */
export const FEATURE_GATE_REQUIREMENTS: FeatureGateRequirement[] = [
  coreGate('MachineTaintPropagation', 'worker pool taints on the MachineDeployment (taintsViaMachineTaintPropagation)',
    c => (c.workerPools ?? []).flatMap((p, i) => (p?.taintsViaMachineTaintPropagation ? [`workerPools[${i}].taintsViaMachineTaintPropagation`] : []))),
];
