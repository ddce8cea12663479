import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScore } from '../../../../lambdas/domain/scoring/compute-score';
import { SIGNALS } from '../../../../lambdas/domain/scoring/lead-signals';
import { PRIOR_CENTER_LOGIT, PRIOR_SPREAD } from '../../../../lambdas/domain/scoring/prior-weights';
import {
  AGENT_MODEL_MIN_OUTCOMES,
  agentOutcomeWeight,
  EVIDENCE_DECAY,
  emptyScoringModel,
  forgetOutcome,
  type LeadEvidence,
  learnedTerms,
  learnedTrust,
  learningProbability,
  MODEL_HALF_WEIGHT_OUTCOMES,
  modelWeight,
  priorLogit,
  recordOutcome,
  SIGNAL_PRIOR_VARIANCE,
  selectScoringModel,
} from '../../../../lambdas/domain/scoring/scoring-model';
import { type ScoringModel, scoringModelSchema } from '../../../../schemas/scoring';
import { mulberry32 } from '../../../../scripts/eval-metrics';

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

describe('the prequential record: learning counts once it has out-predicted the prior', () => {
  const lossOf = (p: number, converted: boolean) => -Math.log(converted ? p : 1 - p);
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const trialOf = (model: ScoringModel) => model.trial ?? { advantage: 0, squares: 0 };

  it('starts with no record, and reads a document written before the record as none', () => {
    const { trial: _, ...older } = emptyScoringModel();

    expect(emptyScoringModel().trial).toEqual({ advantage: 0, squares: 0 });
    expect(learnedTrust(emptyScoringModel())).toBeCloseTo(1 / (1 + Math.exp(3)), 12);
    expect(learnedTrust(older as ScoringModel)).toBe(learnedTrust(emptyScoringModel()));
    expect(scoringModelSchema.safeParse(older).success).toBe(true);
    // Its first outcome since starts the record.
    const next = recordOutcome(older as ScoringModel, strong, 'lost');
    const prior = sigmoid(priorLogit(strong.values));
    const edge = lossOf(prior, false) - lossOf(learningProbability(older as ScoringModel, strong), false);
    expect(next.trial?.advantage).toBeCloseTo(edge, 12);
    expect(next.trial?.squares).toBeCloseTo(edge * edge, 12);
  });

  it("adds, per outcome, the prior's log-loss minus the learned model's, both read before learning it", () => {
    const model = honestBrokerage(50);
    const { advantage, squares } = trialOf(model);
    const prior = sigmoid(priorLogit(weak.values));
    const learned = learningProbability(model, weak);
    for (const outcome of ['converted', 'lost'] as const) {
      const edge = lossOf(prior, outcome === 'converted') - lossOf(learned, outcome === 'converted');
      const next = trialOf(recordOutcome(model, weak, outcome));

      expect(next.advantage).toBeCloseTo(EVIDENCE_DECAY * advantage + edge, 12);
      expect(next.squares).toBeCloseTo(EVIDENCE_DECAY * squares + edge * edge, 12);
      // Half an outcome counts half.
      expect(trialOf(recordOutcome(model, weak, outcome, { weight: 0.5 })).advantage).toBeCloseTo(
        EVIDENCE_DECAY * advantage + 0.5 * edge,
        12,
      );
    }
  });

  it('reads the prior as the prior score does', () => {
    for (const lead of [strong, weak])
      expect(sigmoid(priorLogit(lead.values))).toBeCloseTo(computeScore(lead).probability, 12);
  });

  it('earns trust where the prior is wrong: a source it ranks low converts well', () => {
    const comment: LeadEvidence = { values: weak.values, signals: ['source.facebook_comment'] };
    const referral: LeadEvidence = { values: strong.values, signals: ['source.referral'] };
    const random = stream(5);
    let model = emptyScoringModel();
    for (let i = 0; i < 300; i++) {
      const lead = i % 2 ? comment : referral;
      model = recordOutcome(model, lead, random() < (lead === comment ? 0.6 : 0.1) ? 'converted' : 'lost');
    }

    expect(learnedTrust(model)).toBeGreaterThan(0.99);
    expect(score(comment, model)).toBeGreaterThan(score(referral, model));
  });

  it('stays with the prior where it is right: the signals learned from are noise', () => {
    // Each lead converts with exactly the chance the prior gives it; its signals are drawn at random.
    for (const seed of [1, 2, 3, 9]) {
      const random = mulberry32(seed);
      let model = emptyScoringModel();
      for (let i = 0; i < 200; i++) {
        const values = { ...(i % 2 ? strong.values : weak.values), timing: random() };
        const signals = SIGNALS.filter(() => random() < 0.15);
        const converted = random() < sigmoid(priorLogit(values));
        model = recordOutcome(model, { values, signals }, converted ? 'converted' : 'lost');
      }
      const noisy: LeadEvidence = { values: weak.values, signals: SIGNALS.filter((_, i) => i % 3 === 0) };

      expect(learnedTrust(model)).toBeLessThan(0.05);
      expect(Math.abs(score(noisy, model) - score(noisy))).toBeLessThanOrEqual(1);
    }
  });

  it('takes a voided outcome back out of the record', () => {
    const model = honestBrokerage(80);
    const probability = learningProbability(model, strong);
    const recorded = recordOutcome(model, strong, 'lost', { agentId: 'agent-1' });
    const voided = forgetOutcome(recorded, strong, 'lost', { agentId: 'agent-1', probability });
    const decayed = EVIDENCE_DECAY * trialOf(model).advantage;

    expect(trialOf(recorded).advantage).not.toBeCloseTo(decayed, 3);
    expect(trialOf(voided).advantage).toBeCloseTo(decayed, 12);
    expect(trialOf(voided).squares).toBeCloseTo(EVIDENCE_DECAY * trialOf(model).squares, 12);
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

// A lead with every factor at zero and no signals: only the intercept learns from it.
const blank: LeadEvidence = {
  values: { content: 0, engagement: 0, timing: 0, source: 0, profile: 0 },
  signals: [],
};
const withAgents = (agents: Record<string, number>): ScoringModel => ({ ...emptyScoringModel(), agents });

describe('recordOutcome, one step at a time', () => {
  it('moves the base rate by one Newton step and gains the certainty one outcome carries', () => {
    const p = learningProbability(emptyScoringModel(), blank);
    const h = p * (1 - p);
    const won = recordOutcome(emptyScoringModel(), blank, 'converted');
    const lost = recordOutcome(emptyScoringModel(), blank, 'lost');

    expect(p).toBeCloseTo(1 / (1 + Math.exp(-(PRIOR_CENTER_LOGIT - PRIOR_SPREAD / 2))), 12);
    expect(won.bias.mean - emptyScoringModel().bias.mean).toBeCloseTo((1 - p) / (1 + h), 12);
    expect(lost.bias.mean - emptyScoringModel().bias.mean).toBeCloseTo(-p / (1 + h), 12);
    expect(won.bias.precision).toBeCloseTo(1 + h, 12);
    expect(learningProbability(won, blank)).toBeGreaterThan(p);
    expect(learningProbability(lost, blank)).toBeLessThan(p);
  });

  it('leaves factors the lead does not show where they were, and starts a new signal from zero', () => {
    const model = recordOutcome(
      emptyScoringModel(),
      { values: { ...blank.values, source: 0.5 }, signals: ['source.referral', 'source.referral'] },
      'converted',
    );

    expect(model.factors.content).toEqual(emptyScoringModel().factors.content);
    expect(model.factors.source.mean).toBeGreaterThan(1);
    expect(model.factors.source.precision).toBeGreaterThan(1);
    expect(model.signals['source.referral']?.mean).toBeGreaterThan(0);
    expect(model.signals['source.referral']?.precision).toBeGreaterThan(1 / SIGNAL_PRIOR_VARIANCE);
    expect(model.signals['source.referral']).toMatchObject({ converted: 1, lost: 0 });
    expect(Object.keys(model.signals)).toEqual(['source.referral']);
  });

  it('counts outcomes, evidence and conversions, and partial weights partly', () => {
    let model = recordOutcome(emptyScoringModel(), strong, 'converted');
    model = recordOutcome(model, weak, 'lost', { weight: 0.5 });

    expect(model).toMatchObject({ schemaVersion: 2, outcomes: 2, evidence: 1.5, converted: 1 });
    expect(model.signals['content.viewing']).toMatchObject({ converted: 1, lost: 0 });
    expect(model.signals['content.casual']).toMatchObject({ converted: 0, lost: 0.5 });
    expect(model.bias).toMatchObject({ converted: 1, lost: 0.5 });
    expect(model.factors.content).toMatchObject({ converted: 1, lost: 0.5 });
  });

  it('lets the certainty learned fade with each newer outcome, for the base rate, factors and signals', () => {
    const taught = recordOutcome(emptyScoringModel(), strong, 'converted');
    const later = recordOutcome(taught, blank, 'lost');
    const faded = (before: number, prior: number) => prior + EVIDENCE_DECAY * (before - prior);

    expect(later.factors.content.precision).toBeCloseTo(faded(taught.factors.content.precision, 1), 12);
    expect(later.factors.content.precision).toBeLessThan(taught.factors.content.precision);
    expect(later.factors.content.mean).toBe(taught.factors.content.mean);
    expect(later.signals['content.viewing']?.precision).toBeCloseTo(
      faded(taught.signals['content.viewing']!.precision, 1 / SIGNAL_PRIOR_VARIANCE),
      12,
    );
  });

  it("tallies the agent's evidence and fades everyone else's", () => {
    const model = recordOutcome(withAgents({ 'agent-1': 10, 'agent-2': 4 }), blank, 'lost', {
      weight: 0.5,
      agentId: 'agent-2',
    });

    expect(model.agents['agent-1']).toBeCloseTo(10 * EVIDENCE_DECAY, 12);
    expect(model.agents['agent-2']).toBeCloseTo(4 * EVIDENCE_DECAY + 0.5, 12);
    expect(recordOutcome(emptyScoringModel(), blank, 'lost').agents).toEqual({});
  });
});

describe('recordOutcome sharing one step', () => {
  it('moves the base rate and a signal by their variances, the signal 0.3 as far', () => {
    const referral: LeadEvidence = { ...blank, signals: ['source.referral'] };
    const p = learningProbability(emptyScoringModel(), referral);
    const h = p * (1 - p);
    const spread = 1 + h * (1 + SIGNAL_PRIOR_VARIANCE);
    const model = recordOutcome(emptyScoringModel(), referral, 'converted');
    const signal = model.signals['source.referral']!;

    expect(model.bias.mean - emptyScoringModel().bias.mean).toBeCloseTo((1 - p) / spread, 12);
    expect(signal.mean).toBeCloseTo(((1 - p) * SIGNAL_PRIOR_VARIANCE) / spread, 12);
    expect(model.bias.precision).toBeCloseTo(1 / (1 - h / spread), 12);
    expect(signal.precision).toBeCloseTo(
      1 / (SIGNAL_PRIOR_VARIANCE - (SIGNAL_PRIOR_VARIANCE ** 2 * h) / spread),
      12,
    );
  });
});

describe('forgetOutcome, one step at a time', () => {
  it.each(['converted', 'lost'] as const)(
    'undoes one %s outcome of a lead showing one factor exactly',
    (outcome) => {
      const oneFactor: LeadEvidence = { ...blank, values: { ...blank.values, content: 0.85 } };
      const p = learningProbability(emptyScoringModel(), oneFactor);
      const learned = recordOutcome(emptyScoringModel(), oneFactor, outcome);
      const forgotten = forgetOutcome(learned, oneFactor, outcome, { probability: p });

      expect(learned.factors.content.precision).toBeGreaterThan(1.05);
      expect(forgotten.factors.content.mean).toBeCloseTo(1, 9);
      expect(forgotten.factors.content.precision).toBeCloseTo(1, 9);
      expect(forgotten.bias.mean).toBeCloseTo(emptyScoringModel().bias.mean, 9);
      expect(forgotten.bias.precision).toBeCloseTo(1, 9);
    },
  );

  it('undoes a single outcome on the base rate exactly', () => {
    const p = learningProbability(emptyScoringModel(), strong);
    const learned = recordOutcome(emptyScoringModel(), strong, 'converted', { agentId: 'agent-1' });
    const forgotten = forgetOutcome(learned, strong, 'converted', { agentId: 'agent-1', probability: p });

    expect(forgotten.bias.mean).toBeCloseTo(emptyScoringModel().bias.mean, 6);
    expect(forgotten.bias.precision).toBeCloseTo(1, 6);
    expect(forgotten.signals['content.viewing']?.mean).toBeCloseTo(0, 6);
    expect(forgotten.signals['content.viewing']).toMatchObject({ converted: 0, lost: 0 });
    expect(forgotten).toMatchObject({ outcomes: 0, evidence: 0, converted: 0, agents: { 'agent-1': 0 } });
  });

  it('neither fades certainty nor touches what the voided lead did not show', () => {
    const taught = recordOutcome(recordOutcome(emptyScoringModel(), strong, 'converted'), weak, 'lost', {
      agentId: 'agent-1',
    });
    const others = { ...taught, agents: { ...taught.agents, 'agent-2': 10 } };
    const forgotten = forgetOutcome(others, blank, 'lost', { agentId: 'agent-1' });

    expect(forgotten.agents['agent-2']).toBe(10);
    expect(forgotten.factors).toEqual(taught.factors);
    expect(forgotten.signals).toEqual(taught.signals);
    expect(forgotten.agents['agent-1']).toBeCloseTo(taught.agents['agent-1']! - 1, 12);
  });

  it('never counts below zero, nor leaves a weight less sure than the prior', () => {
    const forgotten = forgetOutcome(emptyScoringModel(), strong, 'converted', { agentId: 'agent-1' });

    expect(forgotten).toMatchObject({ outcomes: 0, evidence: 0, converted: 0, agents: { 'agent-1': 0 } });
    expect(forgotten.bias.precision).toBeCloseTo(1, 12);
    expect(forgotten.factors.content.precision).toBeCloseTo(1, 12);
    expect(forgotten.signals['content.viewing']).toMatchObject({ converted: 0, lost: 0 });
    expect(forgotten.signals['content.viewing']?.precision).toBeCloseTo(1 / SIGNAL_PRIOR_VARIANCE, 12);
    expect(scoringModelSchema.safeParse(forgotten).success).toBe(true);
  });
});

describe('agentOutcomeWeight at its bounds', () => {
  it('counts an agent fully up to the free evidence, partly just under it, then not at all when alone', () => {
    expect(agentOutcomeWeight(emptyScoringModel(), 'agent-1')).toBe(1);
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 7 }), 'agent-1')).toBe(1);
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 7.75 }), 'agent-1')).toBeCloseTo(0.25, 12);
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 8 }), 'agent-1')).toBe(0);
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 30 }), 'agent-1')).toBe(0);
  });

  it("lets one of two agents bring up to three times the other's evidence", () => {
    // Two active agents: a fair share with slack is 1.5 / 2 = 75 % of the whole.
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 59.5, 'agent-2': 20 }), 'agent-1')).toBeCloseTo(
      0.5,
      12,
    );
    expect(agentOutcomeWeight(withAgents({ 'agent-1': 60, 'agent-2': 20 }), 'agent-1')).toBe(0);
    expect(agentOutcomeWeight(withAgents({ 'agent-2': 20 }), 'agent-new')).toBe(1);
  });

  it('counts among the agents everyone with at least one outcome of evidence', () => {
    // Three active agents: a fair share is half the others' evidence, 31 here.
    expect(agentOutcomeWeight(withAgents({ a: 30.5, b: 1, c: 30 }), 'a')).toBeCloseTo(0.5, 12);
    expect(agentOutcomeWeight(withAgents({ a: 31, b: 1, c: 30 }), 'a')).toBe(0);
    // Below one outcome, an agent does not count, so the two left may each bring half as much again.
    expect(agentOutcomeWeight(withAgents({ a: 31, b: 0.9, c: 30 }), 'a')).toBe(1);
  });

  it('holds one agent to a quarter once six or more share the evidence', () => {
    const agents = { a: 40, b: 30, c: 30, d: 30, e: 30, f: 30 };

    // A quarter of the whole is a third of the others' 150: 50.
    expect(agentOutcomeWeight(withAgents({ ...agents, a: 49.5 }), 'a')).toBeCloseTo(0.5, 12);
    expect(agentOutcomeWeight(withAgents({ ...agents, a: 50 }), 'a')).toBe(0);
  });
});

describe('modelWeight and learnedTerms', () => {
  it('leans on learning not at all without a model and halfway at the half-weight outcomes', () => {
    expect(modelWeight(undefined)).toBe(0);
    expect(modelWeight(emptyScoringModel())).toBe(0);
    expect(modelWeight({ ...emptyScoringModel(), outcomes: MODEL_HALF_WEIGHT_OUTCOMES })).toBe(0.5);
    expect(modelWeight({ ...emptyScoringModel(), outcomes: 3 * MODEL_HALF_WEIGHT_OUTCOMES })).toBe(0.75);
  });

  it("adds a signal's learned weight to its own factor, and reports the base rate against the prior", () => {
    const model = emptyScoringModel();
    model.signals['source.referral'] = { mean: 0.4, precision: 5, converted: 3, lost: 1 };
    model.bias = { ...model.bias, mean: model.bias.mean + 0.25 };
    const evidence: LeadEvidence = {
      values: { content: 0, engagement: 0, timing: 0, source: 1, profile: 0 },
      signals: ['source.referral', 'content.unknown_signal'],
    };
    const terms = learnedTerms(model, evidence);

    expect(terms.bias).toBeCloseTo(0.25, 12);
    expect(terms.byFactor.source).toBeCloseTo(PRIOR_SPREAD * 0.2 + 0.4, 12);
    expect(terms.byFactor.content).toBe(0);
    expect(terms.logit).toBeCloseTo(model.bias.mean + PRIOR_SPREAD * 0.2 + 0.4, 12);
  });
});
