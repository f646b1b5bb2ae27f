import { API, KINDS, LABELS, Manifest } from '../../capi';
import { HealthCheckSpec } from '../spec';
import { RenderContext } from './context';

/** An opt-in MachineHealthCheck over the machines `matchLabels` selects. */
export function renderHealthCheck(ctx: RenderContext, target: string, name: string, hc: HealthCheckSpec, matchLabels: Record<string, string>, labels: Record<string, string>): Manifest {
  const conditions = hc.unhealthyNodeConditions ?? [
    { type: 'Ready', status: 'False', timeoutSeconds: 300 },
    { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
  ];
  return ctx.object(target, API.cluster.version, KINDS.machineHealthCheck, name, {}, {
    spec: {
      clusterName: ctx.name,
      selector: { matchLabels: { [LABELS.clusterName]: ctx.name, ...matchLabels } },
      checks: {
        nodeStartupTimeoutSeconds: hc.nodeStartupTimeoutSeconds,
        unhealthyNodeConditions: conditions.map(c => ({ type: c.type, status: c.status, timeoutSeconds: c.timeoutSeconds })),
        unhealthyMachineConditions: hc.unhealthyMachineConditions?.length
          ? hc.unhealthyMachineConditions.map(c => ({ type: c.type, status: c.status, timeoutSeconds: c.timeoutSeconds }))
          : undefined,
      },
      remediation: hc.maxUnhealthy !== undefined || hc.unhealthyRange !== undefined
        ? { triggerIf: { unhealthyLessThanOrEqualTo: hc.maxUnhealthy, unhealthyInRange: hc.unhealthyRange } }
        : undefined,
    },
  }, labels);
}
