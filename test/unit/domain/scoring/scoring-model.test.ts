import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScore } from '../../../../lambdas/domain/scoring/compute-score';
import { SIGNALS } from '../../../../lambdas/domain/scoring/lead-signals';
import {
  AGENT_MODEL_MIN_OUTCOMES,
  agentOutcomeWeight,
  emptyScoringModel,
  forgetOutcome,
  type LeadEvidence,
  learningProbability,
  recordOutcome,
  selectScoringModel,
} from '../../../../lambdas/domain/scoring/scoring-model';
import { type ScoringModel, scoringModelSchema } from '../../../../schemas/scoring';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const evidenceArb = fc.record({
  values: fc.record({ content: unit, engagement: unit, timing: unit, source: unit, profile: unit }),
  signals: fc.subarray(SIGNALS, { maxLength: 20 }),
});

/** Deterministic pseudo-random stream so learning tests replay the same world every run. */
const stream = (seed: number) => {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
};

// A strong lead and a weak one as the prior sees them.
const strong: LeadEvidence = {
  values: { content: 0.85, engagement: 0.8, timing: 0.8, source: 0.95, profile: 0.6 },
  signals: [
    'content.viewing',
    'content.pre_approved',
    'engagement.some_replies',
    'timing.reply_15m',
    'source.referral',
  ],
};
const weak: LeadEvidence = {
  values: { content: 0.15, engagement: 0.1, timing: 0.3, source: 0.25, profile: 0.2 },
  signals: ['content.casual', 'engagement.no_replies', 'timing.night', 'source.facebook_comment'],
};
const score = (evidence: LeadEvidence, model?: ScoringModel) => computeScore(evidence, model).score;

/** A brokerage whose market agrees with the prior: strong-looking leads convert more often. */
const honestBrokerage = (outcomes: number, agents = 4): ScoringModel => {
  const random = stream(7);
  let model = emptyScoringModel();
  for (let i = 0; i < outcomes; i++) {
    const lead = random() < 0.5 ? strong : weak;
    const converted = random() < (lead === strong ? 0.55 : 0.08);
    const agentId = `agent-${i % agents}`;
    model = recordOutcome(model, lead, converted ? 'converted' : 'lost', {
      weight: agentOutcomeWeight(model, agentId),
      agentId,
    });
  }
  return model;
};

describe('emptyScoringModel', () => {
  it('scores exactly as the prior weights do', () => {
    fc.assert(
      fc.property(evidenceArb, (evidence) => {
        expect(computeScore(evidence, emptyScoringModel())).toEqual(computeScore(evidence));
      }),
    );
  });

  it('is a valid document of the current layout', () => {
    expect(scoringModelSchema.safeParse(emptyScoringModel()).success).toBe(true);
  });
});

describe('recordOutcome', () => {
  it('learns that a source the prior ranks low converts well here, and re-ranks leads by it', () => {
    const comment: LeadEvidence = {
      values: { ...strong.values, source: 0.25 },
      signals: ['source.facebook_comment'],
    };
    const referral: LeadEvidence = {
      values: { ...strong.values, source: 0.95 },
      signals: ['source.referral'],
    };
    const random = stream(3);
    let model = emptyScoringModel();
    for (let i = 0; i < 300; i++) {
      const lead = i % 2 ? comment : referral;
      const converted = random() < (lead === comment ? 0.6 : 0.1);
      model = recordOutcome(model, lead, converted ? 'converted' : 'lost');
    }

    expect(score(comment)).toBeLessThan(score(referral));
    expect(score(comment, model)).toBeGreaterThan(score(referral, model) + 10);
  });

  it('keeps the document the same size whatever the volume', () => {
    const random = stream(11);
    let model = emptyScoringModel();
    let sizeAt1000 = 0;
    for (let i = 0; i < 3000; i++) {
      const signals = SIGNALS.filter(() => random() < 0.25);
      model = recordOutcome(model, { values: strong.values, signals }, random() < 0.3 ? 'converted' : 'lost');
      if (i === 999) sizeAt1000 = JSON.stringify(model).length;
    }

    expect(JSON.stringify(model).length).toBeLessThanOrEqual(sizeAt1000 + 200);
    expect(JSON.stringify(model).length).toBeLessThan(16_000);
    expect(scoringModelSchema.safeParse(model).success).toBe(true);
  });

  it('follows a market that changes: recent outcomes outweigh old ones', () => {
    let model = emptyScoringModel();
    for (let i = 0; i < 600; i++) model = recordOutcome(model, weak, i % 10 === 0 ? 'converted' : 'lost');
    const before = score(weak, model);
    for (let i = 0; i < 400; i++) model = recordOutcome(model, weak, i % 10 < 6 ? 'converted' : 'lost');

    expect(score(weak, model)).toBeGreaterThan(before + 25);
  });

  it('never produces a score outside 1..100 or a non-finite weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(evidenceArb, fc.boolean()), { maxLength: 60 }),
        evidenceArb,
        (history, probe) => {
          let model = emptyScoringModel();
          for (const [evidence, converted] of history)
            model = recordOutcome(model, evidence, converted ? 'converted' : 'lost');
          const result = computeScore(probe, model);
          expect(result.score).toBeGreaterThanOrEqual(1);
          expect(result.score).toBeLessThanOrEqual(100);
          expect(Number.isFinite(result.probability)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("one agent's share of the brokerage's evidence", () => {
  const invent = (model: ScoringModel, bounded: boolean): ScoringModel => {
    let next = model;
    for (let i = 0; i < 60; i++) {
      const [lead, outcome] = i % 2 ? ([strong, 'lost'] as const) : ([weak, 'converted'] as const);
      next = recordOutcome(next, lead, outcome, {
        weight: bounded ? agentOutcomeWeight(next, 'agent-rogue') : 1,
        agentId: 'agent-rogue',
      });
    }
    return next;
  };

  it('without a bound, 60 invented outcomes would drag a strong lead down and lift a weak one', () => {
    const honest = honestBrokerage(200);
    const steered = invent(honest, false);

    expect(score(strong, honest) - score(strong, steered)).toBeGreaterThan(15);
    expect(score(weak, steered) - score(weak, honest)).toBeGreaterThan(15);
  });

  it('holds a new brokerage at the prior: a strong lead stays strong, a weak one weak', () => {
    const steered = invent(emptyScoringModel(), true);
    const unbounded = invent(emptyScoringModel(), false);

    expect(score(strong) - score(strong, unbounded)).toBeGreaterThan(15);
    expect(Math.abs(score(strong) - score(strong, steered))).toBeLessThanOrEqual(3);
    expect(Math.abs(score(weak) - score(weak, steered))).toBeLessThanOrEqual(3);
  });

  it('keeps one agent to a quarter of the evidence where others have outcomes too', () => {
    const honest = honestBrokerage(120, 6);
    const steered = invent(honest, true);
    const unbounded = invent(honest, false);
    const total = Object.values(steered.agents).reduce((a, b) => a + b, 0);

    expect(steered.agents['agent-rogue']! / total).toBeLessThanOrEqual(0.251);
    expect(score(strong, honest) - score(strong, steered)).toBeLessThan(
      score(strong, honest) - score(strong, unbounded),
    );
  });

  it('counts an honest agent fully while their share stays small', () => {
    const honest = honestBrokerage(200);

    expect(agentOutcomeWeight(honest, 'agent-1')).toBe(1);
    expect(agentOutcomeWeight(honest, 'agent-new')).toBe(1);
  });
});

describe('forgetOutcome', () => {
  it('takes voided outcomes back out: most of their effect on scores is undone', () => {
    const honest = honestBrokerage(200);
    let steered = honest;
    const recorded: [LeadEvidence, 'lost' | 'converted', number][] = [];
    for (let i = 0; i < 20; i++) {
      const [lead, outcome] = (i % 2 ? [strong, 'lost'] : [weak, 'converted']) as [
        LeadEvidence,
        'lost' | 'converted',
      ];
      recorded.push([lead, outcome, learningProbability(steered, lead)]);
      steered = recordOutcome(steered, lead, outcome, { agentId: 'agent-9' });
    }
    let restored = steered;
    for (const [lead, outcome, probability] of recorded.reverse())
      restored = forgetOutcome(restored, lead, outcome, { agentId: 'agent-9', probability });

    const moved = score(strong, honest) - score(strong, steered);
    expect(moved).toBeGreaterThan(10);
    expect(Math.abs(score(strong, restored) - score(strong, honest))).toBeLessThan(moved / 3);
    expect(restored.outcomes).toBe(honest.outcomes);
    expect(restored.agents['agent-9'] ?? 0).toBeCloseTo(0);
  });
});

describe('selectScoringModel', () => {
  it("uses the agent's own model once it has enough outcomes, else the brokerage's", () => {
    const brokerage = honestBrokerage(50);
    const young = { ...honestBrokerage(10), outcomes: AGENT_MODEL_MIN_OUTCOMES - 1 };
    const grown = { ...honestBrokerage(10), outcomes: AGENT_MODEL_MIN_OUTCOMES };

    expect(selectScoringModel({ brokerage, agent: young })).toBe(brokerage);
    expect(selectScoringModel({ brokerage, agent: grown })).toBe(grown);
    expect(selectScoringModel({})).toBeUndefined();
  });
});
