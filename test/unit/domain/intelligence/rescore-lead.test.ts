import { describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { rescoreLead } from '../../../../lambdas/domain/intelligence/rescore-lead';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { emptyScoringModel, recordOutcome } from '../../../../lambdas/domain/scoring/scoring-model';
import type { ScoreRepository, StoredScoringModel } from '../../../../lambdas/ports/score-repository';
import type { ScoringModel } from '../../../../schemas/scoring';
import { createMockInteraction, createMockProfile } from '../../../helpers/factories';
import { type IntelligenceWorld, intelligenceWorld, seedLead } from './intelligence-world';

/** A model that has learned from `outcomes` conversions of leads with every factor at 0.5. */
const learnedFrom = (outcomes: number): ScoringModel => {
  let model = emptyScoringModel();
  const evidence = {
    values: { content: 0.5, engagement: 0.5, timing: 0.5, source: 0.5, profile: 0.5 },
    signals: [],
  };
  for (let i = 0; i < outcomes; i++) model = recordOutcome(model, evidence, 'converted');
  return model;
};

/** The world with its stored models replaced by `stored`. */
const withModels = (world: IntelligenceWorld, stored: StoredScoringModel[]) => ({
  ...world,
  scores: { ...world.scores, models: async () => stored },
});

/** The world whose score writes run `before` first, then the real write; counts the calls. */
const withSaveScore = (world: IntelligenceWorld, before: (call: number) => Promise<void>) => {
  const calls = { count: 0 };
  const scores: ScoreRepository = {
    ...world.scores,
    async saveScore(previous, next, snapshot) {
      calls.count++;
      await before(calls.count);
      return world.scores.saveScore(previous, next, snapshot);
    },
  };
  return { deps: { ...world, scores }, calls };
};

const factor = (score: { factors: { name: string; value: number; reason: string }[] }, name: string) =>
  score.factors.find((f) => f.name === name);

describe('rescoreLead', () => {
  it('keeps the score on the lead with a snapshot of what triggered it', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world, { temperature: 'cold', temperatureSetBy: 'score' });
    world.clock.set('2026-03-02T15:30:00.000Z');

    const { lead: scored, score } = await rescoreLead(lead, 'message_in', world);

    expect(score.scoredAt).toBe('2026-03-02T15:30:00.000Z');
    expect(scored).toEqual({
      ...lead,
      score: score.score,
      confidence: score.confidence,
      scoredAt: '2026-03-02T15:30:00.000Z',
      scoreProvider: 'bedrock',
      temperature: score.temperature,
      version: 2,
      updatedAt: '2026-03-02T15:30:00.000Z',
    });
    expect(score.temperature).not.toBe('cold');
    expect(await world.leads.get(lead.leadId)).toEqual(scored);
    const history = await world.scores.history(lead.leadId, { limit: 10 });
    expect(history.items).toEqual([
      { snapshotId: expect.any(String), leadId: lead.leadId, trigger: 'message_in', score },
    ]);
  });

  it('keeps a temperature the agent set, whatever the score says', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world, { temperature: 'cold', temperatureSetBy: 'agent' });

    const { lead: scored, score } = await rescoreLead(lead, 'on_demand', world);

    expect(score.temperature).not.toBe('cold');
    expect(scored.temperature).toBe('cold');
    expect((await world.leads.get(lead.leadId))?.temperature).toBe('cold');
  });

  it('reads the lead’s words with the model, or with the built-in rules alone when asked to be fast', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);

    const slow = await rescoreLead(lead, 'message_in', world);
    const fast = await rescoreLead(slow.lead, 'message_in', world, { fast: true });

    expect(slow.score.provider).toBe('bedrock');
    expect(fast.score.provider).toBe('heuristic');
    expect(fast.lead.scoreProvider).toBe('heuristic');
    expect(world.analyzer.calls).toHaveLength(1);
    expect(world.fastAnalyzer.calls).toHaveLength(1);
  });

  it('reads the time of the inquiry in the agent’s time zone when the lead has none', async () => {
    // 14:00Z is 09:00 in New York but 23:00 in Tokyo: a daytime inquiry in one, a late one in the other.
    const world = intelligenceWorld();
    const lead = await seedLead(world, { createdAt: '2026-03-02T14:00:00.000Z' });
    const inNewYork = await rescoreLead(lead, 'created', world);
    const inTokyo = intelligenceWorld();
    await inTokyo.agents.createIfAbsent(createMockProfile({ timezone: 'Asia/Tokyo' }));
    await inTokyo.leads.create(lead, []);
    const fromTokyo = await rescoreLead(lead, 'created', inTokyo);

    expect(factor(fromTokyo.score, 'timing')?.reason).not.toBe(factor(inNewYork.score, 'timing')?.reason);
  });

  it('falls back to the brokerage’s time zone for an agent with no profile', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world, { createdAt: '2026-03-02T14:00:00.000Z' });
    const withProfile = await rescoreLead(lead, 'created', world);
    const noProfile = intelligenceWorld();
    await noProfile.leads.create(lead, []);
    const inTokyo = { ...noProfile, profileDefaults: { timezone: 'Asia/Tokyo', defaultCountry: 'US' } };

    const byDefault = await rescoreLead(lead, 'created', noProfile);
    const byTokyoDefault = await rescoreLead(byDefault.lead, 'created', inTokyo);

    expect(factor(byDefault.score, 'timing')?.reason).toBe(factor(withProfile.score, 'timing')?.reason);
    expect(factor(byTokyoDefault.score, 'timing')?.reason).not.toBe(
      factor(byDefault.score, 'timing')?.reason,
    );
  });

  it('weighs a price with no stated budget against what buyers here typically spend', async () => {
    const world = { ...intelligenceWorld(), typicalLocalBudget: 500_000 };
    const lead = await seedLead(world, {
      initialMessage: 'Is the house still available?',
      propertyInterest: { price: 480_000, currency: 'USD' },
    });

    const { score } = await rescoreLead(lead, 'created', world);

    expect(factor(score, 'profile')?.reason).toContain('within what buyers here typically spend');
  });

  it('scores with the brokerage’s learned model until the agent’s own has enough outcomes', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const brokerage = { scope: 'brokerage', model: learnedFrom(3), version: 3 };
    const young = { scope: lead.agentId, model: learnedFrom(39), version: 39 };
    const grown = { scope: lead.agentId, model: learnedFrom(40), version: 40 };
    const otherAgent = { scope: 'agent-omar-haddad', model: learnedFrom(45), version: 45 };

    const none = await rescoreLead(lead, 'on_demand', world);
    const byBrokerage = await rescoreLead(none.lead, 'on_demand', withModels(world, [brokerage, young]));
    const byAgent = await rescoreLead(byBrokerage.lead, 'on_demand', withModels(world, [brokerage, grown]));
    const notAnother = await rescoreLead(byAgent.lead, 'on_demand', withModels(world, [otherAgent]));

    expect(none.score.modelOutcomes).toBe(0);
    expect(byBrokerage.score.modelOutcomes).toBe(3);
    expect(byAgent.score.modelOutcomes).toBe(40);
    expect(notAnother.score.modelOutcomes).toBe(0);
  });

  it('reads no more than the 100 newest timeline entries', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const asked: (number | undefined)[] = [];
    const deps = {
      ...world,
      interactions: {
        ...world.interactions,
        listTimeline: async (leadId: string, page: { limit: number }) => {
          asked.push(page.limit);
          return world.interactions.listTimeline(leadId, page);
        },
      },
    };
    await world.interactions.add(createMockInteraction({ leadId: lead.leadId }));

    await rescoreLead(lead, 'on_demand', deps);

    expect(asked).toEqual([100]);
  });

  it('starts again from the fresh lead when it changed meanwhile, keeping that change', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { deps, calls } = withSaveScore(world, async (call) => {
      if (call === 1) {
        const current = await world.leads.get(lead.leadId);
        if (current) await world.leads.update(current, { ...current, name: 'Sam Rivera-Ortiz', version: 2 });
      }
    });

    const { lead: scored } = await rescoreLead(lead, 'message_in', deps);

    expect(calls.count).toBe(2);
    expect(scored).toMatchObject({ name: 'Sam Rivera-Ortiz', version: 3 });
    expect(await world.leads.get(lead.leadId)).toEqual(scored);
    expect((await world.scores.history(lead.leadId, { limit: 10 })).items).toHaveLength(1);
  });

  it('gives up with StaleVersionError after three tries that all lose the race', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { deps, calls } = withSaveScore(world, async () => {
      throw new StaleVersionError();
    });

    await expect(rescoreLead(lead, 'message_in', deps)).rejects.toBeInstanceOf(StaleVersionError);
    expect(calls.count).toBe(3);
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
  });

  it('is LeadGoneError when the lead was erased before the score was kept', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { deps, calls } = withSaveScore(world, async () => {
      await world.leads.erase(lead);
      throw new StaleVersionError();
    });

    const attempt = rescoreLead(lead, 'message_in', deps);
    await expect(attempt).rejects.toBeInstanceOf(LeadGoneError);
    await expect(attempt).rejects.toMatchObject({ leadId: lead.leadId, message: 'Lead was not found' });
    expect(calls.count).toBe(1);
  });

  it('passes on a failure other than a lost race at once', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const failure = new Error('Transaction cancelled: throughput exceeded');
    const { deps, calls } = withSaveScore(world, async () => {
      throw failure;
    });

    await expect(rescoreLead(lead, 'message_in', deps)).rejects.toBe(failure);
    expect(calls.count).toBe(1);
  });
});
