import { describe, expect, it } from 'vitest';
import { factorValuesFromScore } from '../../../../lambdas/domain/scoring/factor-values-from-score';
import { heuristicContentAnalyzer } from '../../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { scoreLead } from '../../../../lambdas/domain/scoring/score-lead';
import type { LeadScore } from '../../../../schemas/scoring';
import { AGENT_TIME_ZONE, aLead, at } from './fixtures';

const factor = (name: LeadScore['factors'][number]['name'], value: number) =>
  ({ name, value }) as LeadScore['factors'][number];

describe('factorValuesFromScore', () => {
  it('reads back each factor value a snapshot recorded, by name, whatever their order', () => {
    const snapshot = {
      factors: [
        factor('profile', 0.1),
        factor('timing', 0.35),
        factor('content', 0.8),
        factor('source', 0.95),
        factor('engagement', 0.6),
      ],
    };

    expect(factorValuesFromScore(snapshot)).toEqual({
      content: 0.8,
      engagement: 0.6,
      timing: 0.35,
      source: 0.95,
      profile: 0.1,
    });
  });

  it('reads a factor a snapshot lacks as 0', () => {
    expect(factorValuesFromScore({ factors: [factor('source', 0.7)] })).toEqual({
      content: 0,
      engagement: 0,
      timing: 0,
      source: 0.7,
      profile: 0,
    });
  });

  it("gives a referral's source value from a real score", async () => {
    const score = await scoreLead({
      lead: aLead({ source: 'referral', initialMessage: 'Can we view it tomorrow?' }),
      interactions: [],
      agentTimeZone: AGENT_TIME_ZONE,
      analyzer: heuristicContentAnalyzer,
      now: at(30),
    });

    expect(factorValuesFromScore(score).source).toBe(0.95);
  });
});
