import type { Interaction } from '../../../schemas/api/timeline';
import type {
  ContentAnalysis,
  FactorScore,
  FallbackReason,
  LeadScore,
  ScoringFactor,
  ScoringModel,
} from '../../../schemas/scoring';
import type { ContentAnalyzer } from '../../ports/content-analyzer';
import { analysisTextFor } from './analysis-text';
import { computeScore } from './compute-score';
import { extractFeatures, type ScorableLead } from './extract-features';
import { analyzeContent } from './heuristic-content-analyzer';
import { FACTORS, PRIOR_WEIGHTS } from './prior-weights';
import { recommendActions } from './recommend-actions';
import { temperatureFor } from './temperature-for';

export interface ScoreLeadInput {
  lead: ScorableLead;
  interactions: readonly Interaction[];
  /** IANA zone of the lead's agent. */
  agentTimeZone: string;
  /** Typical budget of buyers in the area, in the property's currency. */
  typicalLocalBudget?: number;
  /** What the brokerage or agent has learned (see `selectScoringModel`); none = prior weights. */
  model?: ScoringModel;
  analyzer: ContentAnalyzer;
  now: Date;
}

const NOTICES: Record<FallbackReason, string> = {
  timeout: 'The AI analysis took too long, so built-in rules read the messages; confidence is lower.',
  throttled: 'The AI service was busy, so built-in rules read the messages; confidence is lower.',
  invalid_output: 'The AI analysis was unusable, so built-in rules read the messages; confidence is lower.',
  error: 'The AI analysis failed, so built-in rules read the messages; confidence is lower.',
};

// Once the learned model carries most of the weight, a factor's reason can say how leads like
// this one actually ended here.
const MIN_KNOT_OUTCOMES = 10;

const historyNote = (model: ScoringModel, factor: ScoringFactor, value: number): string => {
  const stats = model.factors[factor];
  const knot = Math.round(value * (stats.knots.length - 1));
  const converted = stats.converted[knot] ?? 0;
  const total = converted + (stats.lost[knot] ?? 0);
  return total >= MIN_KNOT_OUTCOMES ? ` (${converted} of ${total} similar leads converted)` : '';
};

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round2 = (value: number): number => Math.round(value * 100) / 100;
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

const safeAnalysis = async (
  analyzer: ContentAnalyzer,
  text: string,
  { name: leadName, leadId }: ScorableLead,
): Promise<ContentAnalysis> => {
  if (text.length === 0) return analyzeContent({ text });
  try {
    return await analyzer.analyze({ text, leadName, ...(leadId ? { leadId } : {}) });
  } catch {
    // Analyzers promise not to throw; if one does, the rules still give the agent a score.
    return { ...analyzeContent({ text, leadName }), fallbackReason: 'error' };
  }
};

/**
 * Scores a lead 1-100 with reasons and next actions.
 * Flow: gather the lead's own words → one content analysis (model or rules) → factor values →
 * prior/learned blend → temperature, confidence and recommended actions.
 */
export const scoreLead = async (input: ScoreLeadInput): Promise<LeadScore> => {
  const { lead, model, now } = input;
  const text = analysisTextFor(lead, input.interactions);
  const analysis = await safeAnalysis(input.analyzer, text, lead);
  const features = extractFeatures({
    lead,
    interactions: input.interactions,
    analysis,
    agentTimeZone: input.agentTimeZone,
    typicalLocalBudget: input.typicalLocalBudget,
    now,
  });
  const breakdown = computeScore(features, model);
  const temperature = temperatureFor(breakdown.score);
  const learned = model !== undefined && breakdown.modelWeight >= 0.5;

  const factors: FactorScore[] = FACTORS.map((name) => ({
    name,
    value: features.values[name],
    weight: PRIOR_WEIGHTS[name],
    contribution: round1(breakdown.contributions[name]),
    reason: (features.reasons[name] + (learned ? historyNote(model, name, features.values[name]) : '')).slice(
      0,
      200,
    ),
  }));

  // What we know about the lead, how sure the reading of their words is, how much was learned.
  const analysisConfidence = features.hasMessage ? analysis.confidence : 0.3;
  const confidence = 0.2 + 0.35 * features.coverage + 0.3 * analysisConfidence + 0.15 * breakdown.modelWeight;

  return {
    score: breakdown.score,
    conversionProbability: round4(breakdown.probability),
    confidence: round2(Math.min(1, confidence)),
    temperature,
    baseline: round1(breakdown.baseline),
    factors,
    provider: analysis.provider,
    ...(analysis.fallbackReason
      ? { fallbackReason: analysis.fallbackReason, notice: NOTICES[analysis.fallbackReason] }
      : {}),
    modelOutcomes: model?.outcomes ?? 0,
    recommendedActions: recommendActions({
      leadName: lead.name,
      analysis,
      timeline: features.timeline,
      budgetFit: features.budgetFit,
      temperature,
      now: now.getTime(),
    }),
    scoredAt: now.toISOString(),
  };
};
