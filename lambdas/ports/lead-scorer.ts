import type { Lead } from '../../schemas/api/leads';
import type { ScoreTrigger } from '../../schemas/api/scores';
import type { LeadScore } from '../../schemas/scoring';

export interface RescoreOptions {
  /** Use only the built-in rules (no model call): for paths that must answer fast, such as webhooks. */
  fast?: boolean;
}

/** Rescores a lead after something happened to it, and keeps the score history. */
export interface LeadScorer {
  /** The rescored lead and its score, or undefined when the lead is gone or scoring failed (reported, never thrown). */
  rescore(
    leadId: string,
    trigger: ScoreTrigger,
    options?: RescoreOptions,
  ): Promise<{ lead: Lead; score: LeadScore } | undefined>;
}
