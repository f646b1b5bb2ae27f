/** What the plan's rules share: one object seen from both sides, and the plan's options. */
import type { PlanSide } from './objects';
import { PlanChange, PlanManifest, PlanOptions } from './types';

/** One object seen from both sides, with what happens to it. */
export interface PlanEntry {
  readonly key: string;
  readonly before?: PlanManifest;
  readonly after?: PlanManifest;
  /** The before side as compared (projected onto the desired paths when live). */
  readonly compared?: PlanManifest;
  readonly action?: PlanChange['action'];
  readonly paths: string[];
}

/** What the per-cluster analyses share. */
export interface PlanContext {
  readonly before: PlanSide;
  readonly after: PlanSide;
  readonly live: boolean;
  readonly supportedVersions: NonNullable<PlanOptions['supportedVersions']>;
  /** "Now", for `rollout.after`. */
  readonly now: Date;
}
