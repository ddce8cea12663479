import { describe, expect, it } from 'vitest';
import { factorValuesFromScore } from '../../../../lambdas/domain/scoring/factor-values-from-score';
import { heuristicContentAnalyzer } from '../../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { scoreLead } from '../../../../lambdas/domain/scoring/score-lead';
import { AGENT_TIME_ZONE, aLead, at } from './fixtures';

describe('factorValuesFromScore', () => {
  it('reads back the factor values a score snapshot recorded', async () => {
    const score = await scoreLead({
      lead: aLead({ source: 'referral', initialMessage: 'Can we view it tomorrow?' }),
      interactions: [],
      agentTimeZone: AGENT_TIME_ZONE,
      analyzer: heuristicContentAnalyzer,
      now: at(30),
    });

    expect(factorValuesFromScore(score)).toEqual(
      Object.fromEntries(score.factors.map((f) => [f.name, f.value])),
    );
    expect(factorValuesFromScore(score).source).toBe(0.95);
  });
});
