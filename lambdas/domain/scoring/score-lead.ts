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
import { factorOf, SIGNAL_LABELS, type Signal } from './lead-signals';
import { FACTORS, PRIOR_WEIGHTS } from './prior-weights';
import { recommendActions } from './recommend-actions';
import { learnedTrust } from './scoring-model';
import { temperatureFor } from './temperature-for';

export interface ScoreLeadInput {
  lead: ScorableLead;
  interactions: readonly Interaction[];
  /** IANA zone of the lead's agent: the lead's own when neither the lead nor their number tells one. */
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

// A reason cites what was learned once enough leads like this one have closed here.
const MIN_SIGNAL_OUTCOMES = 10;
const NOTABLE_EFFECT = 0.15;

/**
 * "Facebook comments convert well here: 31 of 60", for the factor's most telling signal; while what was
 * learned does not yet count in the score (`proven` false), the tally alone.
 */
const evidenceNote = (
  model: ScoringModel,
  proven: boolean,
  factor: ScoringFactor,
  signals: readonly Signal[],
): string => {
  let best: { signal: Signal; effect: number; converted: number; total: number } | undefined;
  for (const signal of signals) {
    if (factorOf(signal) !== factor) continue;
    const learned = model.signals[signal];
    if (!learned) continue;
    const converted = Math.round(learned.converted);
    const total = converted + Math.round(learned.lost);
    if (total < MIN_SIGNAL_OUTCOMES) continue;
    if (!best || Math.abs(learned.mean) > Math.abs(best.effect))
      best = { signal, effect: learned.mean, converted, total };
  }
  if (!best) return '';
  if (!proven)
    return `. ${SIGNAL_LABELS[best.signal]} here so far: ${best.converted} of ${best.total} converted`;
  const verdict =
    best.effect >= NOTABLE_EFFECT
      ? 'convert well'
      : best.effect <= -NOTABLE_EFFECT
        ? 'convert poorly'
        : 'convert as expected';
  return `. ${SIGNAL_LABELS[best.signal]} ${verdict} here: ${best.converted} of ${best.total}`;
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
    textLength: text.length,
    now,
  });
  const breakdown = computeScore(features, model);
  // Whether what was learned counts at least half in the score: reasons give a verdict on it only then.
  const proven = model !== undefined && learnedTrust(model) >= 0.5;
  const temperature = temperatureFor(breakdown.score);

  const factors: FactorScore[] = FACTORS.map((name) => ({
    name,
    value: features.values[name],
    weight: PRIOR_WEIGHTS[name],
    contribution: round1(breakdown.contributions[name]),
    reason: (
      features.reasons[name] + (model ? evidenceNote(model, proven, name, features.signals) : '')
    ).slice(0, 200),
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
    signals: features.signals,
    scoredAt: now.toISOString(),
  };
};
