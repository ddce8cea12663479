import type { FactorValues, ScoringFactor } from '../../../schemas/scoring';

/** How much each factor counts before any outcome has been learned (they sum to 1). */
export const PRIOR_WEIGHTS: Readonly<FactorValues> = Object.freeze({
  content: 0.3,
  engagement: 0.25,
  timing: 0.15,
  source: 0.2,
  profile: 0.1,
});

/** The factors in report order, as a plain array for hot loops. */
export const FACTORS: readonly ScoringFactor[] = ['content', 'engagement', 'timing', 'source', 'profile'];

/**
 * The prior reads its weighted sum S (0..1) as log-odds: S = 0.5 is a PRIOR_BASE_RATE chance and
 * the whole range spans PRIOR_SPREAD log-odds (about 2 % to 75 %). The 1..100 score is linear in
 * those log-odds, so with no outcomes it is exactly 1 + 99·S and every factor adds 99·weight·value.
 */
export const PRIOR_BASE_RATE = 0.2;
export const PRIOR_SPREAD = 5;
export const PRIOR_CENTER_LOGIT = Math.log(PRIOR_BASE_RATE / (1 - PRIOR_BASE_RATE));
