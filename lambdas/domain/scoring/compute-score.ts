import type { ScoringFactor, ScoringModel } from '../../../schemas/scoring';
import { FACTORS, PRIOR_CENTER_LOGIT, PRIOR_SPREAD, PRIOR_WEIGHTS } from './prior-weights';
import { type LeadEvidence, learnedTerms, learnedTrust, modelWeight } from './scoring-model';

export interface ScoreBreakdown {
  /** 1..100, linear in the log-odds. */
  score: number;
  /** The estimated chance to convert. */
  probability: number;
  /** Points before any factor: baseline + Σ contributions is the unrounded score. */
  baseline: number;
  /** Points each factor adds (may be negative once learning says what the lead shows hurts). */
  contributions: Record<ScoringFactor, number>;
  /** How much the learned model has seen (0 = prior only), for confidence. */
  modelWeight: number;
}

const POINTS = 99;
/** Outcomes at which what the signals learned counts half against the prior's ranking. */
export const LEARNING_RAMP_OUTCOMES = 20;
/** Outcomes before what the signals learned changes how leads rank at all. */
export const LEARNING_MIN_OUTCOMES = 30;
const POINTS_PER_LOGIT = POINTS / PRIOR_SPREAD;

/** 1..100 from log-odds; the inverse of how the prior reads its weighted sum. */
export const scoreFromLogit = (logit: number): number => {
  const raw = 1 + POINTS * ((logit - PRIOR_CENTER_LOGIT) / PRIOR_SPREAD + 0.5);
  return raw < 1 ? 1 : raw > 100 ? 100 : Math.round(raw);
};

/**
 * The sync core of scoring. With no model the score is the prior, 1 + 99·Σ weight·value. With a
 * learned model it is the model's log-odds on the same 1..100 scale, and each factor's points are
 * its learned terms (its scaled prior term plus its signals' weights), so it stays explainable.
 * The model's Gaussian prior does the blending: with little evidence it stays near the prior, and
 * its learned terms count only as far as they have out-predicted the prior (`learnedTrust`).
 */
export const computeScore = (evidence: LeadEvidence, model?: ScoringModel): ScoreBreakdown => {
  const values = evidence.values;
  const contributions = {} as Record<ScoringFactor, number>;
  let points = 1;
  let baseline = 1;
  if (model && model.outcomes > 0) {
    const learned = learnedTerms(model, evidence);
    // What was learned waits for some evidence and then grows in, so a small brokerage's first noisy
    // outcomes (or one agent's first few) cannot move its scores away from the prior; after that it
    // counts as far as it has predicted outcomes better than the prior did.
    const seen = Math.max(0, model.evidence - LEARNING_MIN_OUTCOMES);
    const trust = (seen / (seen + LEARNING_RAMP_OUTCOMES)) * learnedTrust(model);
    baseline += trust * POINTS_PER_LOGIT * learned.bias;
    points = baseline;
    for (const factor of FACTORS) {
      const prior = POINTS * PRIOR_WEIGHTS[factor] * values[factor];
      const contribution = prior + trust * (POINTS_PER_LOGIT * learned.byFactor[factor] - prior);
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
    modelWeight: modelWeight(model),
  };
};
