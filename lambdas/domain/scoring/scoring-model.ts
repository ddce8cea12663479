import type {
  FactorValues,
  LearnedWeight,
  ScoringFactor,
  ScoringModel,
  ScoringOutcome,
} from '../../../schemas/scoring';
import { factorOf } from './lead-signals';
import { FACTORS, PRIOR_CENTER_LOGIT, PRIOR_SPREAD, PRIOR_WEIGHTS } from './prior-weights';

// The learned model is a Bayesian logistic regression whose Gaussian prior is the brief's prior:
// log-odds = bias + Σ scale_f · (prior term of factor f) + Σ weight_s over the signals the lead
// shows. It starts at bias = the prior's intercept, every scale = 1 and every signal weight = 0,
// so an empty model scores exactly as the prior. Each outcome is one assumed-density-filtering
// step with a diagonal Gaussian: the step on the lead's log-odds is a Newton step weighed by how
// unsure the model still is about it, shared among the weights by their variance. Before each
// step every weight's extra certainty decays a little, so recent outcomes weigh more (markets drift).
//
// Scores follow what was learned only once it has proved itself: before learning from an outcome
// the model notes how much better it predicted it than the prior did (the difference of their
// log-losses, decayed like the evidence). The learned terms count as that running advantage stands
// clear of zero against its own spread (a one-sided sequential test, about one standard error for
// half), so a small brokerage whose first outcomes mislead keeps the prior's ranking.

/** Prior variance of a signal's weight (log-odds²): how far one signal may move before evidence. */
export const SIGNAL_PRIOR_VARIANCE = 0.3;
/** Prior variance of a factor's scale, the multiplier of its prior term: a market may turn a whole factor around. */
const SCALE_PRIOR_VARIANCE = 1;
/** Prior variance of the intercept: base rates differ a lot between markets. */
const BIAS_PRIOR_VARIANCE = 1;
/** Per outcome, each weight keeps this share of the certainty it gained: a memory of about 330 outcomes. */
export const EVIDENCE_DECAY = 0.997;

/** An agent's own model takes over from the brokerage's once it has this many outcomes. */
export const AGENT_MODEL_MIN_OUTCOMES = 40;
/** Outcomes at which the learned model counts half in the confidence of a score. */
export const MODEL_HALF_WEIGHT_OUTCOMES = 60;

/** Evidence one agent may always bring to the brokerage's model, whatever the others brought. */
export const AGENT_FREE_EVIDENCE = 8;
/** Beyond that, one agent's share of the brokerage's evidence stays at most this (or 1.5/n among n agents, a fair share with slack). */
export const AGENT_MAX_SHARE = 0.25;

/** Standard errors of advantage at which the learned terms count half. */
const TRUST_AT_HALF = 1;
/** How sharply trust rises around that point, per standard error. */
const TRUST_SLOPE = 3;
/** The record of a model that has predicted nothing yet (or was written before records were kept). */
const NO_TRIAL = Object.freeze({ advantage: 0, squares: 0 });

const PRIOR_BIAS = PRIOR_CENTER_LOGIT - PRIOR_SPREAD / 2;

const fresh = (mean: number, variance: number): LearnedWeight => ({
  mean,
  precision: 1 / variance,
  converted: 0,
  lost: 0,
});

/** A model that has learned nothing: it scores exactly as the prior weights do. */
export const emptyScoringModel = (): ScoringModel => ({
  schemaVersion: 2,
  outcomes: 0,
  evidence: 0,
  converted: 0,
  bias: fresh(PRIOR_BIAS, BIAS_PRIOR_VARIANCE),
  factors: {
    content: fresh(1, SCALE_PRIOR_VARIANCE),
    engagement: fresh(1, SCALE_PRIOR_VARIANCE),
    timing: fresh(1, SCALE_PRIOR_VARIANCE),
    source: fresh(1, SCALE_PRIOR_VARIANCE),
    profile: fresh(1, SCALE_PRIOR_VARIANCE),
  },
  signals: {},
  agents: {},
  trial: { ...NO_TRIAL },
});

/** What a model reads from a lead: its five factor values and the signals it shows. */
export interface LeadEvidence {
  values: FactorValues;
  signals: readonly string[];
}

/** The prior's log-odds term of one factor. */
export const priorTerm = (factor: ScoringFactor, value: number): number =>
  PRIOR_SPREAD * PRIOR_WEIGHTS[factor] * value;

/** The prior's own log-odds for a lead: what an empty model gives, its intercept plus each factor's prior term. */
export const priorLogit = (values: FactorValues): number => {
  let logit = PRIOR_BIAS;
  for (const factor of FACTORS) logit += priorTerm(factor, values[factor]);
  return logit;
};

/**
 * How far scores follow what was learned (0..1), from how clearly the learned model has predicted
 * this brokerage's outcomes better than the prior: its advantage in standard errors (the +1 keeps a
 * model with hardly any record near zero). 0.05 with no record, ½ at one standard error, 0.95 at two.
 */
export const learnedTrust = (model: ScoringModel): number => {
  const { advantage, squares } = model.trial ?? NO_TRIAL;
  const standardErrors = advantage / Math.sqrt(squares + 1);
  return 1 / (1 + Math.exp(-TRUST_SLOPE * (standardErrors - TRUST_AT_HALF)));
};

const signalMean = (model: ScoringModel, signal: string): number => model.signals[signal]?.mean ?? 0;

/** Learned log-odds per factor (its scaled prior term plus its signals' weights) and the intercept. */
export const learnedTerms = (
  model: ScoringModel,
  evidence: LeadEvidence,
): { bias: number; byFactor: Record<ScoringFactor, number>; logit: number } => {
  const byFactor = {} as Record<ScoringFactor, number>;
  let logit = model.bias.mean;
  for (const factor of FACTORS) {
    const term = model.factors[factor].mean * priorTerm(factor, evidence.values[factor]);
    byFactor[factor] = term;
    logit += term;
  }
  for (const signal of evidence.signals) {
    const weight = signalMean(model, signal);
    byFactor[factorOf(signal)] += weight;
    logit += weight;
  }
  return { bias: model.bias.mean - PRIOR_BIAS, byFactor, logit };
};

/** How much a score's confidence leans on learning: 0 with no outcomes, ½ at MODEL_HALF_WEIGHT_OUTCOMES. */
export const modelWeight = (model: ScoringModel | undefined): number =>
  model ? model.outcomes / (model.outcomes + MODEL_HALF_WEIGHT_OUTCOMES) : 0;

/**
 * How much an agent's next outcome counts in the brokerage's model (0..1): fully while their
 * evidence stays under AGENT_FREE_EVIDENCE or their share of the whole (AGENT_MAX_SHARE, or 1.5/n
 * among n agents if larger), less or not at all beyond, so no one agent's outcomes (honest or
 * invented) steer every agent's scores. Alone in a brokerage, an agent's outcomes teach their own model.
 */
export const agentOutcomeWeight = (model: ScoringModel, agentId: string): number => {
  let total = 0;
  for (const evidence of Object.values(model.agents)) total += evidence;
  const own = model.agents[agentId] ?? 0;
  const others = total - own;
  // With few agents the bound is a fair share with slack (two agents: each up to 3/4 of the whole, three times the other).
  let active = own >= 1 ? 0 : 1;
  for (const evidence of Object.values(model.agents)) if (evidence >= 1) active++;
  const share = Math.max(AGENT_MAX_SHARE, 1.5 / active);
  const limit =
    others > 0 && share < 1
      ? Math.max(AGENT_FREE_EVIDENCE, (share / (1 - share)) * others)
      : AGENT_FREE_EVIDENCE;
  return Math.min(1, Math.max(0, limit - own));
};

const decayed = (w: LearnedWeight, priorPrecision: number): LearnedWeight => ({
  ...w,
  precision: priorPrecision + EVIDENCE_DECAY * (w.precision - priorPrecision),
});

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * One outcome's evidence, with weight ω (1 = a whole outcome, negative = taking one back). Pure and
 * O(signals): returns a new model and never looks at other leads.
 */
const learn = (
  model: ScoringModel,
  evidence: LeadEvidence,
  converted: boolean,
  weight: number,
  agentId: string | undefined,
  recordedAt?: number,
): ScoringModel => {
  const forgetting = weight < 0;
  const bias = forgetting ? model.bias : decayed(model.bias, 1 / BIAS_PRIOR_VARIANCE);
  const factors = { ...model.factors };
  const signals: Record<string, LearnedWeight> = {};
  for (const [name, w] of Object.entries(model.signals)) {
    signals[name] = forgetting ? w : decayed(w, 1 / SIGNAL_PRIOR_VARIANCE);
  }
  if (!forgetting) for (const f of FACTORS) factors[f] = decayed(factors[f], 1 / SCALE_PRIOR_VARIANCE);

  // The features this lead lights up, each with its value x, current weight and prior precision.
  let nextBias = bias;
  const active: { get: () => LearnedWeight; set: (w: LearnedWeight) => void; x: number; p0: number }[] = [
    { get: () => nextBias, set: (w) => (nextBias = w), x: 1, p0: 1 / BIAS_PRIOR_VARIANCE },
  ];
  for (const f of FACTORS) {
    const x = priorTerm(f, evidence.values[f]);
    if (x !== 0)
      active.push({ get: () => factors[f], set: (w) => (factors[f] = w), x, p0: 1 / SCALE_PRIOR_VARIANCE });
  }
  for (const s of new Set(evidence.signals)) {
    if (!signals[s]) signals[s] = fresh(0, SIGNAL_PRIOR_VARIANCE);
    active.push({
      get: () => signals[s]!,
      set: (w) => (signals[s] = w),
      x: 1,
      p0: 1 / SIGNAL_PRIOR_VARIANCE,
    });
  }

  let logit = 0;
  let variance = 0;
  for (const { get, x } of active) {
    const w = get();
    logit += w.mean * x;
    variance += (x * x) / w.precision;
  }
  // Taking an outcome back uses the chance the model gave when it learned it, so the step undone is the step taken.
  const p = recordedAt ?? sigmoid(logit);
  const g = Math.abs(weight) * (p - (converted ? 1 : 0));
  const h = Math.abs(weight) * p * (1 - p);
  const tally = (w: LearnedWeight, x: number) => ({
    converted: Math.max(0, w.converted + (converted && x !== 0 ? weight : 0)),
    lost: Math.max(0, w.lost + (!converted && x !== 0 ? weight : 0)),
  });
  if (!forgetting) {
    for (const { get, set, x } of active) {
      const w = get();
      const v = 1 / w.precision;
      set({
        mean: w.mean - (g * v * x) / (1 + h * variance),
        precision: 1 / (v - (v * v * x * x * h) / (1 + h * variance)),
        ...tally(w, x),
      });
    }
  } else {
    // The inverse of the step above: first the variances it shrank, then the mean step taken with them.
    const restored = active.map(({ get, x, p0 }) => {
      const v = 1 / get().precision;
      return Math.min(1 / p0, v + (v * v * x * x * h) / Math.max(0.2, 1 - h * variance));
    });
    let before = 0;
    active.forEach(({ x }, i) => {
      before += x * x * restored[i]!;
    });
    active.forEach(({ get, set, x }, i) => {
      const w = get();
      set({
        mean: w.mean + (g * restored[i]! * x) / (1 + h * before),
        precision: 1 / restored[i]!,
        ...tally(w, x),
      });
    });
  }

  // Prequential check, before this outcome teaches anything: the prior's log-loss minus the learned model's.
  const lossOf = (q: number) => -Math.log(Math.max(1e-12, converted ? q : 1 - q));
  const edge = Math.abs(weight) * (lossOf(sigmoid(priorLogit(evidence.values))) - lossOf(p));
  const before = model.trial ?? NO_TRIAL;
  const trial = forgetting
    ? { advantage: before.advantage - edge, squares: Math.max(0, before.squares - edge * edge) }
    : {
        advantage: EVIDENCE_DECAY * before.advantage + edge,
        squares: EVIDENCE_DECAY * before.squares + edge * edge,
      };

  const agents = { ...model.agents };
  if (!forgetting) for (const a of Object.keys(agents)) agents[a] = agents[a]! * EVIDENCE_DECAY;
  if (agentId) agents[agentId] = Math.max(0, (agents[agentId] ?? 0) + weight);
  const counted = forgetting ? -1 : 1;
  return {
    schemaVersion: 2,
    outcomes: Math.max(0, model.outcomes + counted),
    evidence: Math.max(0, model.evidence + weight),
    converted: Math.max(0, model.converted + (converted ? counted : 0)),
    bias: nextBias,
    factors,
    signals,
    agents,
    trial,
  };
};

/**
 * Learns from one closed lead: what it showed when it was last scored and whether it converted.
 * `weight` < 1 counts it partly (see `agentOutcomeWeight`); `agentId` tallies whose evidence it is.
 */
export const recordOutcome = (
  model: ScoringModel,
  evidence: LeadEvidence,
  outcome: ScoringOutcome,
  options: { weight?: number; agentId?: string } = {},
): ScoringModel => learn(model, evidence, outcome === 'converted', options.weight ?? 1, options.agentId);

/** The chance the model gives a lead before learning from it: kept with the outcome so a void can undo the step. */
export const learningProbability = (model: ScoringModel, evidence: LeadEvidence): number =>
  sigmoid(learnedTerms(model, evidence).logit);

/**
 * Takes a voided outcome's evidence back out of the model, with the weight it was recorded at and,
 * when known, the chance the model gave it then (`learningProbability`).
 */
export const forgetOutcome = (
  model: ScoringModel,
  evidence: LeadEvidence,
  outcome: ScoringOutcome,
  options: { weight?: number; agentId?: string; probability?: number } = {},
): ScoringModel =>
  learn(
    model,
    evidence,
    outcome === 'converted',
    -(options.weight ?? 1),
    options.agentId,
    options.probability,
  );

/** The model to score an agent's leads with: their own once it has enough outcomes, else the brokerage's. */
export const selectScoringModel = (models: {
  brokerage?: ScoringModel;
  agent?: ScoringModel;
}): ScoringModel | undefined =>
  models.agent && models.agent.outcomes >= AGENT_MODEL_MIN_OUTCOMES ? models.agent : models.brokerage;
