import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScore } from '../../../../lambdas/domain/scoring/compute-score';
import { PRIOR_WEIGHTS } from '../../../../lambdas/domain/scoring/prior-weights';
import { emptyScoringModel, recordOutcome } from '../../../../lambdas/domain/scoring/scoring-model';
import { temperatureFor } from '../../../../lambdas/domain/scoring/temperature-for';
import type { FactorValues } from '../../../../schemas/scoring';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const factorValues = fc.record({
  content: unit,
  engagement: unit,
  timing: unit,
  source: unit,
  profile: unit,
});

describe('computeScore without a learned model', () => {
  it('is 1 + 99 × the weighted sum of factor values', () => {
    const v: FactorValues = { content: 0.8, engagement: 0.4, timing: 0.6, source: 0.95, profile: 0.5 };
    const weighted = 0.3 * 0.8 + 0.25 * 0.4 + 0.15 * 0.6 + 0.2 * 0.95 + 0.1 * 0.5;

    expect(computeScore({ values: v, signals: [] }).score).toBe(Math.round(1 + 99 * weighted));
  });

  it('gives each factor 99 × weight × value points', () => {
    const v: FactorValues = { content: 1, engagement: 0, timing: 0.5, source: 0.25, profile: 1 };
    const { contributions, baseline } = computeScore({ values: v, signals: [] });

    expect(baseline).toBe(1);
    expect(contributions.content).toBeCloseTo(99 * PRIOR_WEIGHTS.content);
    expect(contributions.engagement).toBe(0);
    expect(contributions.timing).toBeCloseTo(99 * 0.15 * 0.5);
  });

  it('ranges from 1 for a lead with nothing to 100 for one with everything', () => {
    const none: FactorValues = { content: 0, engagement: 0, timing: 0, source: 0, profile: 0 };
    const all: FactorValues = { content: 1, engagement: 1, timing: 1, source: 1, profile: 1 };

    expect(computeScore({ values: none, signals: [] }).score).toBe(1);
    expect(computeScore({ values: all, signals: [] }).score).toBe(100);
  });
});

describe('computeScore', () => {
  it('adds up: baseline plus contributions is the score before rounding', () => {
    let model = emptyScoringModel();
    for (let i = 0; i < 50; i++) {
      model = recordOutcome(
        model,
        {
          values: { content: 0.2, engagement: 0.9, timing: 0.8, source: 0.3, profile: 0.5 },
          signals: ['source.website', 'content.price'],
        },
        i % 2 ? 'lost' : 'converted',
      );
    }
    fc.assert(
      fc.property(factorValues, (v) => {
        const result = computeScore({ values: v, signals: [] }, model);
        const total = result.baseline + Object.values(result.contributions).reduce((a, b) => a + b, 0);
        expect(result.score).toBe(Math.min(100, Math.max(1, Math.round(total))));
      }),
    );
  });

  it('ranks leads the same way the score and the probability do', () => {
    fc.assert(
      fc.property(factorValues, factorValues, (a, b) => {
        const x = computeScore({ values: a, signals: [] });
        const y = computeScore({ values: b, signals: [] });
        if (x.probability < y.probability) expect(x.score).toBeLessThanOrEqual(y.score);
      }),
    );
  });
});

describe('temperatureFor', () => {
  it.each([
    [100, 'hot'],
    [60, 'hot'],
    [59, 'warm'],
    [35, 'warm'],
    [34, 'cold'],
    [1, 'cold'],
  ] as const)('calls a score of %i %s', (score, temperature) => {
    expect(temperatureFor(score)).toBe(temperature);
  });
});
