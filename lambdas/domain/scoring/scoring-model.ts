import {
  type FactorModel,
  type FactorValues,
  SCORING_MODEL_KNOTS,
  type ScoringFactor,
  type ScoringModel,
  type ScoringOutcome,
} from '../../../schemas/scoring';
import { FACTORS, PRIOR_CENTER_LOGIT, PRIOR_SPREAD, PRIOR_WEIGHTS } from './prior-weights';

// The learned model is a logistic regression whose terms are linear splines, one per factor, with
// knots at 0, .25, .5, .75 and 1. It starts exactly at the prior (a straight line per factor) and
// follows outcomes with an online Laplace update: each knot keeps its evidence (the curvature of
// the log-likelihood it has seen) and moves by error / evidence, so early outcomes move it a
// little and later ones ever less: the steps of a running maximum-a-posteriori fit, with the
// prior as its starting belief.

const LAST_KNOT = SCORING_MODEL_KNOTS - 1;
/**
 * Evidence the prior is worth at each knot (an outcome adds p(1 - p), at most ¼). An outcome moves
 * the bias and about five knots at once, so each starts with enough to keep one outcome from
 * moving a score by more than a couple of points.
 */
const PRIOR_EVIDENCE = 6;

/** Outcomes at which the learned model and the prior count equally in the blended score. */
export const MODEL_HALF_WEIGHT_OUTCOMES = 60;

/** An agent's own model takes over from the brokerage's once it has this many outcomes. */
export const AGENT_MODEL_MIN_OUTCOMES = 150;

const priorKnot = (factor: ScoringFactor, knot: number): number =>
  (PRIOR_SPREAD * PRIOR_WEIGHTS[factor] * knot) / LAST_KNOT;

const emptyFactor = (factor: ScoringFactor): FactorModel => ({
  knots: Array.from({ length: SCORING_MODEL_KNOTS }, (_, k) => priorKnot(factor, k)),
  evidence: Array.from({ length: SCORING_MODEL_KNOTS }, () => 0),
  converted: Array.from({ length: SCORING_MODEL_KNOTS }, () => 0),
  lost: Array.from({ length: SCORING_MODEL_KNOTS }, () => 0),
});

/** A model that has learned nothing: it scores exactly as the prior weights do. */
export const emptyScoringModel = (): ScoringModel => ({
  schemaVersion: 1,
  outcomes: 0,
  converted: 0,
  bias: PRIOR_CENTER_LOGIT - PRIOR_SPREAD / 2,
  biasEvidence: 0,
  factors: {
    content: emptyFactor('content'),
    engagement: emptyFactor('engagement'),
    timing: emptyFactor('timing'),
    source: emptyFactor('source'),
    profile: emptyFactor('profile'),
  },
});

/** Where a value falls between knots: the lower knot and the share of the upper one. */
const position = (value: number): [number, number] => {
  const x = Math.min(1, Math.max(0, value)) * LAST_KNOT;
  const lower = x >= LAST_KNOT ? LAST_KNOT - 1 : Math.floor(x);
  return [lower, x - lower];
};

/** The learned log-odds term of one factor at a value. */
export const learnedTerm = (factor: FactorModel, value: number): number => {
  const [lower, share] = position(value);
  return factor.knots[lower]! * (1 - share) + factor.knots[lower + 1]! * share;
};

/** The learned model's own log-odds for a set of factor values. */
export const learnedLogit = (model: ScoringModel, values: FactorValues): number => {
  let logit = model.bias;
  for (const factor of FACTORS) logit += learnedTerm(model.factors[factor], values[factor]);
  return logit;
};

/** How much the blended score trusts the learned model: 0 with no outcomes, ½ at MODEL_HALF_WEIGHT_OUTCOMES. */
export const modelWeight = (model: ScoringModel | undefined): number =>
  model ? model.outcomes / (model.outcomes + MODEL_HALF_WEIGHT_OUTCOMES) : 0;

const updateFactor = (
  factor: FactorModel,
  value: number,
  error: number,
  curvature: number,
  converted: boolean,
): FactorModel => {
  const [lower, share] = position(value);
  const knots = factor.knots.slice();
  const evidence = factor.evidence.slice();
  for (let k = lower; k <= lower + 1; k++) {
    const basis = k === lower ? 1 - share : share;
    if (basis === 0) continue;
    evidence[k] = evidence[k]! + basis * basis * curvature;
    knots[k] = knots[k]! - (error * basis) / (PRIOR_EVIDENCE + evidence[k]!);
  }
  const nearest = share < 0.5 ? lower : lower + 1;
  const tally = (converted ? factor.converted : factor.lost).slice();
  tally[nearest] = tally[nearest]! + 1;
  return converted
    ? { knots, evidence, converted: tally, lost: factor.lost }
    : { knots, evidence, converted: factor.converted, lost: tally };
};

/**
 * Learns from one closed lead: its factor values when it was scored and whether it converted.
 * Pure and O(factors): returns a new model and never looks at other leads.
 */
export const recordOutcome = (
  model: ScoringModel,
  values: FactorValues,
  outcome: ScoringOutcome,
): ScoringModel => {
  const converted = outcome === 'converted';
  const probability = 1 / (1 + Math.exp(-learnedLogit(model, values)));
  const error = probability - (converted ? 1 : 0);
  const curvature = probability * (1 - probability);
  const biasEvidence = model.biasEvidence + curvature;
  return {
    schemaVersion: 1,
    outcomes: model.outcomes + 1,
    converted: model.converted + (converted ? 1 : 0),
    bias: model.bias - error / (PRIOR_EVIDENCE + biasEvidence),
    biasEvidence,
    factors: {
      content: updateFactor(model.factors.content, values.content, error, curvature, converted),
      engagement: updateFactor(model.factors.engagement, values.engagement, error, curvature, converted),
      timing: updateFactor(model.factors.timing, values.timing, error, curvature, converted),
      source: updateFactor(model.factors.source, values.source, error, curvature, converted),
      profile: updateFactor(model.factors.profile, values.profile, error, curvature, converted),
    },
  };
};

/** The model to score an agent's leads with: their own once it has enough outcomes, else the brokerage's. */
export const selectScoringModel = (models: {
  brokerage?: ScoringModel;
  agent?: ScoringModel;
}): ScoringModel | undefined =>
  models.agent && models.agent.outcomes >= AGENT_MODEL_MIN_OUTCOMES ? models.agent : models.brokerage;
