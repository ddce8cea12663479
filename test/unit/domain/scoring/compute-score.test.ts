import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScore, scoreFromLogit } from '../../../../lambdas/domain/scoring/compute-score';
import { PRIOR_CENTER_LOGIT, PRIOR_WEIGHTS } from '../../../../lambdas/domain/scoring/prior-weights';
import { emptyScoringModel, recordOutcome } from '../../../../lambdas/domain/scoring/scoring-model';
import { temperatureFor } from '../../../../lambdas/domain/scoring/temperature-for';
import type { FactorValues, ScoringModel } from '../../../../schemas/scoring';

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

describe('computeScore with a learned model', () => {
  const values: FactorValues = { content: 0.5, engagement: 0.4, timing: 0.8, source: 0.55, profile: 0.3 };
  const prior = computeScore({ values, signals: ['content.price'] });
  /** A model that learned only that asking the price is worth 2 log-odds, after `evidence` outcomes. */
  const learnedPrice = (evidence: number, extra: Partial<ScoringModel> = {}): ScoringModel => ({
    ...emptyScoringModel(),
    outcomes: evidence,
    evidence,
    signals: { 'content.price': { mean: 2, precision: 10, converted: evidence, lost: 0 } },
    // Far better than the prior at predicting this brokerage's outcomes: trusted fully.
    trial: { advantage: 60, squares: 20 },
    ...extra,
  });
  const POINTS_PER_LOGIT = 99 / 5;

  it('scores as the prior until the brokerage has 30 outcomes', () => {
    for (const evidence of [1, 30]) {
      const result = computeScore({ values, signals: ['content.price'] }, learnedPrice(evidence));

      expect(result.score).toBe(prior.score);
      expect(result.contributions.content).toBeCloseTo(prior.contributions.content, 9);
      expect(result.baseline).toBe(1);
    }
  });

  it('scores as the prior with a model that has counted no outcome yet', () => {
    const result = computeScore({ values, signals: ['content.price'] }, learnedPrice(500, { outcomes: 0 }));

    expect(result.score).toBe(prior.score);
    expect(result.modelWeight).toBe(0);
  });

  it('lets what was learned count half once 20 outcomes past the first 30 are in', () => {
    const result = computeScore({ values, signals: ['content.price'] }, learnedPrice(50));

    expect(result.contributions.content).toBeCloseTo(
      prior.contributions.content + 0.5 * 2 * POINTS_PER_LOGIT,
      9,
    );
    expect(result.contributions.engagement).toBeCloseTo(prior.contributions.engagement, 9);
    const priorPoints = 1 + Object.values(prior.contributions).reduce((a, b) => a + b, 0);
    expect(result.score).toBe(Math.round(priorPoints + 0.5 * 2 * POINTS_PER_LOGIT));
    expect(result.modelWeight).toBeCloseTo(50 / 110, 9);
  });

  it('counts what was learned as far as it has clearly out-predicted the prior', () => {
    const at = (trial: ScoringModel['trial']) =>
      computeScore({ values, signals: ['content.price'] }, learnedPrice(10_000, { trial })).contributions
        .content - prior.contributions.content;
    const full = (2 * POINTS_PER_LOGIT * (10_000 - 30)) / (10_000 - 30 + 20);

    expect(at({ advantage: 60, squares: 20 })).toBeCloseTo(full, 6);
    // One standard error ahead (advantage 3 against spread 8 + 1): half.
    expect(at({ advantage: 3, squares: 8 })).toBeCloseTo(full / 2, 6);
    // Two: 1 / (1 + e^-3).
    expect(at({ advantage: 6, squares: 8 })).toBeCloseTo(full / (1 + Math.exp(-3)), 6);
    // No record yet (or a document written before it was kept): 1 / (1 + e^3).
    expect(at({ advantage: 0, squares: 0 })).toBeCloseTo(full / (1 + Math.exp(3)), 6);
    expect(at(undefined)).toBeCloseTo(full / (1 + Math.exp(3)), 6);
    // Behind the prior: its ranking, whatever the learned weights say.
    const behind = computeScore(
      { values, signals: ['content.price'] },
      learnedPrice(10_000, { trial: { advantage: -20, squares: 40 } }),
    );
    expect(behind.score).toBe(prior.score);
  });

  it('moves the baseline with a learned shift in how often leads convert', () => {
    const model = learnedPrice(50);
    const shifted = { ...model, bias: { ...model.bias, mean: model.bias.mean + 1 } };

    expect(computeScore({ values, signals: [] }, shifted).baseline).toBeCloseTo(
      1 + 0.5 * POINTS_PER_LOGIT,
      9,
    );
  });

  it('keeps the score within 1..100 however far learning pushes it', () => {
    const weigh = (mean: number) =>
      computeScore(
        { values, signals: ['content.price'] },
        learnedPrice(10_000, {
          signals: { 'content.price': { mean, precision: 10, converted: 0, lost: 0 } },
        }),
      );

    expect(weigh(-50).score).toBe(1);
    expect(weigh(50).score).toBe(100);
  });

  it('reads a lead at the middle of the prior as the base rate chance', () => {
    const middle: FactorValues = { content: 0.5, engagement: 0.5, timing: 0.5, source: 0.5, profile: 0.5 };

    expect(computeScore({ values: middle, signals: [] }).probability).toBeCloseTo(0.2, 9);
    expect(computeScore({ values: middle, signals: [] }).modelWeight).toBe(0);
  });
});

describe('scoreFromLogit', () => {
  it('puts the base rate in the middle of the scale and clamps beyond its ends', () => {
    expect(scoreFromLogit(PRIOR_CENTER_LOGIT)).toBe(51);
    expect(scoreFromLogit(PRIOR_CENTER_LOGIT + 1)).toBe(70);
    expect(scoreFromLogit(PRIOR_CENTER_LOGIT - 3)).toBe(1);
    expect(scoreFromLogit(PRIOR_CENTER_LOGIT + 3)).toBe(100);
  });
});
