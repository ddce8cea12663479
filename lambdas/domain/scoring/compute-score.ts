import type { FactorValues, ScoringFactor, ScoringModel } from '../../../schemas/scoring';
import { FACTORS, PRIOR_CENTER_LOGIT, PRIOR_SPREAD, PRIOR_WEIGHTS } from './prior-weights';
import { learnedTerm, modelWeight } from './scoring-model';

export interface ScoreBreakdown {
  /** 1..100, linear in the blended log-odds. */
  score: number;
  /** The blended estimate of the chance to convert. */
  probability: number;
  /** Points before any factor: baseline + Σ contributions is the unrounded score. */
  baseline: number;
  /** Points each factor adds (may be negative once learning says a factor hurts). */
  contributions: Record<ScoringFactor, number>;
  /** Share of the learned model in the blend (0 = prior only). */
  modelWeight: number;
}

const POINTS = 99;
const POINTS_PER_LOGIT = POINTS / PRIOR_SPREAD;

/** 1..100 from log-odds; the inverse of how the prior reads its weighted sum. */
export const scoreFromLogit = (logit: number): number => {
  const raw = 1 + POINTS * ((logit - PRIOR_CENTER_LOGIT) / PRIOR_SPREAD + 0.5);
  return raw < 1 ? 1 : raw > 100 ? 100 : Math.round(raw);
};

/**
 * The sync core of scoring. With no model (or an empty one) the score is the prior,
 * 1 + 99·Σ weight·value. With a learned model it blends, in log-odds, the prior and the model by
 * n/(n + k) outcomes; each factor's contribution blends the same way, so it stays explainable.
 */
export const computeScore = (features: { values: FactorValues }, model?: ScoringModel): ScoreBreakdown => {
  const values = features.values;
  const weight = modelWeight(model);
  const contributions = {} as Record<ScoringFactor, number>;
  let points = 1;
  let baseline = 1;
  if (model && weight > 0) {
    baseline += weight * POINTS * ((model.bias - PRIOR_CENTER_LOGIT) / PRIOR_SPREAD + 0.5);
    points = baseline;
    for (const factor of FACTORS) {
      const prior = POINTS * PRIOR_WEIGHTS[factor] * values[factor];
      const learned = POINTS_PER_LOGIT * learnedTerm(model.factors[factor], values[factor]);
      const contribution = (1 - weight) * prior + weight * learned;
      contributions[factor] = contribution;
      points += contribution;
    }
  } else {
    for (const factor of FACTORS) {
      const contribution = POINTS * PRIOR_WEIGHTS[factor] * values[factor];
      contributions[factor] = contribution;
      points += contribution;
    }
  }
  const logit = PRIOR_CENTER_LOGIT + PRIOR_SPREAD * ((points - 1) / POINTS - 0.5);
  return {
    score: points < 1 ? 1 : points > 100 ? 100 : Math.round(points),
    probability: 1 / (1 + Math.exp(-logit)),
    baseline,
    contributions,
    modelWeight: weight,
  };
};
