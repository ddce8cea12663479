import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScore } from '../../../../lambdas/domain/scoring/compute-score';
import {
  FACTORS,
  PRIOR_CENTER_LOGIT,
  PRIOR_SPREAD,
  PRIOR_WEIGHTS,
} from '../../../../lambdas/domain/scoring/prior-weights';
import {
  AGENT_MODEL_MIN_OUTCOMES,
  emptyScoringModel,
  learnedLogit,
  recordOutcome,
  selectScoringModel,
} from '../../../../lambdas/domain/scoring/scoring-model';
import { type FactorValues, scoringModelSchema } from '../../../../schemas/scoring';

const values = (overrides: Partial<FactorValues> = {}): FactorValues => ({
  content: 0.5,
  engagement: 0.5,
  timing: 0.5,
  source: 0.5,
  profile: 0.5,
  ...overrides,
});

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const factorValues = fc.record({
  content: unit,
  engagement: unit,
  timing: unit,
  source: unit,
  profile: unit,
});
const outcome = fc.constantFrom('converted' as const, 'lost' as const);

/** Deterministic pseudo-random stream so learning tests replay the same world every run. */
const stream = (seed: number) => {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
};

describe('emptyScoringModel', () => {
  it('scores exactly as the prior weights do', () => {
    fc.assert(
      fc.property(factorValues, (v) => {
        expect(computeScore({ values: v }, emptyScoringModel())).toEqual(computeScore({ values: v }));
      }),
    );
  });

  it("starts the learned model's own log-odds exactly at the prior's, so the first outcomes blend in without a jump", () => {
    const model = emptyScoringModel();
    fc.assert(
      fc.property(factorValues, (v) => {
        const weighted = FACTORS.reduce((sum, name) => sum + PRIOR_WEIGHTS[name] * v[name], 0);
        const priorLogit = PRIOR_CENTER_LOGIT + PRIOR_SPREAD * (weighted - 0.5);
        expect(learnedLogit(model, v)).toBeCloseTo(priorLogit, 9);
      }),
    );
  });

  it('is a valid, JSON-serialisable model', () => {
    const model = emptyScoringModel();

    expect(scoringModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });
});

describe('recordOutcome', () => {
  it('raises the score of leads like those that converted and lowers those like the lost', () => {
    let model = emptyScoringModel();
    for (let i = 0; i < 200; i++) {
      // Fast responders convert three times in five; slow ones almost never.
      model = recordOutcome(model, values({ timing: 1 }), i % 5 < 3 ? 'converted' : 'lost');
      model = recordOutcome(model, values({ timing: 0 }), i % 50 === 0 ? 'converted' : 'lost');
    }
    const prior = (timing: number) => computeScore({ values: values({ timing }) }).score;
    const learned = (timing: number) => computeScore({ values: values({ timing }) }, model).score;

    expect(learned(1)).toBeGreaterThan(prior(1) + 10);
    expect(learned(0)).toBeLessThan(prior(0) - 10);
  });

  it('lowers the weight of a factor that turns out not to matter', () => {
    let model = emptyScoringModel();
    const next = stream(7);
    for (let i = 0; i < 2000; i++) {
      const v = values({ source: next(), engagement: next() });
      // Conversions follow engagement only; source is noise.
      model = recordOutcome(model, v, next() < 0.05 + 0.5 * v.engagement ? 'converted' : 'lost');
    }
    const spread = (factor: keyof FactorValues) =>
      computeScore({ values: values({ [factor]: 1 }) }, model).contributions[factor] -
      computeScore({ values: values({ [factor]: 0 }) }, model).contributions[factor];

    expect(spread('engagement')).toBeGreaterThan(3 * Math.abs(spread('source')));
  });

  it('becomes calibrated: predicted chances match observed conversion rates', () => {
    let model = emptyScoringModel();
    const next = stream(11);
    const truth = (v: FactorValues) => 0.03 + 0.6 * v.timing * v.timing;
    for (let i = 0; i < 4000; i++) {
      const v = values({ timing: next(), content: next() });
      model = recordOutcome(model, v, next() < truth(v) ? 'converted' : 'lost');
    }

    for (const timing of [0.1, 0.5, 0.9]) {
      const predicted = computeScore({ values: values({ timing }) }, model).probability;
      expect(Math.abs(predicted - truth(values({ timing })))).toBeLessThan(0.05);
    }
  });

  it('moves no score by more than a few points after a handful of outcomes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(factorValues, outcome), { minLength: 1, maxLength: 5 }),
        factorValues,
        (history, lead) => {
          const model = history.reduce((m, [v, o]) => recordOutcome(m, v, o), emptyScoringModel());

          expect(
            Math.abs(computeScore({ values: lead }, model).score - computeScore({ values: lead }).score),
          ).toBeLessThanOrEqual(6);
        },
      ),
    );
  });

  it('keeps every score within 1..100 whatever it learned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(factorValues, outcome), { maxLength: 300 }),
        factorValues,
        (history, lead) => {
          const model = history.reduce((m, [v, o]) => recordOutcome(m, v, o), emptyScoringModel());
          const { score, probability } = computeScore({ values: lead }, model);

          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(1);
          expect(score).toBeLessThanOrEqual(100);
          expect(probability).toBeGreaterThan(0);
          expect(probability).toBeLessThan(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the same size however many outcomes it has seen', () => {
    let model = emptyScoringModel();
    const size = JSON.stringify(model).length;
    const next = stream(3);
    for (let i = 0; i < 5000; i++)
      model = recordOutcome(model, values({ content: next() }), i % 3 ? 'lost' : 'converted');

    expect(model.outcomes).toBe(5000);
    expect(model.converted).toBe(1667);
    expect(JSON.stringify(model).length).toBeLessThan(size * 2);
    expect(scoringModelSchema.safeParse(model).success).toBe(true);
  });

  it('leaves the model it was given untouched', () => {
    const model = emptyScoringModel();
    const copy = structuredClone(model);
    recordOutcome(model, values({ timing: 0.9 }), 'converted');

    expect(model).toEqual(copy);
  });

  it('tallies outcomes by the nearest knot of each factor', () => {
    const model = recordOutcome(emptyScoringModel(), values({ timing: 0.9 }), 'converted');

    expect(model.factors.timing.converted).toEqual([0, 0, 0, 0, 1]);
    expect(model.factors.timing.lost).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('selectScoringModel', () => {
  it("uses the agent's own model once it has enough outcomes, else the brokerage's", () => {
    const brokerage = { ...emptyScoringModel(), outcomes: 900 };
    const young = { ...emptyScoringModel(), outcomes: AGENT_MODEL_MIN_OUTCOMES - 1 };
    const mature = { ...emptyScoringModel(), outcomes: AGENT_MODEL_MIN_OUTCOMES };

    expect(selectScoringModel({ brokerage, agent: young })).toBe(brokerage);
    expect(selectScoringModel({ brokerage, agent: mature })).toBe(mature);
    expect(selectScoringModel({})).toBeUndefined();
  });
});
