/**
 * Rollout-impact plan: compare two manifest sets (files, a git revision, or the live management
 * cluster against the desired manifests) and say what applying them does to machines.
 *
 * ```ts
 * import { planChanges, formatPlan } from 'capi-constructs';
 * const plan = planChanges(beforeManifests, afterManifests);
 * console.log(formatPlan(plan, 'markdown'));
 * ```
 */
export * from './types';
export { planChanges } from './plan';
export { formatPlan, planDangers, PLAN_FORMATS, PLAN_MARKDOWN_MAX_LENGTH } from './format';
export type { PlanFormatOptions } from './format';
export { summarizePlan } from './summary';
export type { PlanSummary, PlanProviderStep, PlanDangerGroup, PlanRolloutGroup, PlanScalingGroup, PlanVersionGroup, PlanInPlaceGroup } from './summary';
export { parseVersionWindow } from './versions';
