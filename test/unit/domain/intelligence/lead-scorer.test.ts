import { describe, expect, it } from 'vitest';
import type { IntelligenceDeps } from '../../../../lambdas/domain/intelligence/deps';
import { createLeadScorer } from '../../../../lambdas/domain/intelligence/lead-scorer';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { type IntelligenceWorld, intelligenceWorld, seedLead } from './intelligence-world';

/** A scorer on `deps`, with every scoring failure it reports kept in `reported`. */
const scorerOn = (deps: IntelligenceWorld | IntelligenceDeps) => {
  const reported: { error: unknown; leadId: string }[] = [];
  const scorer = createLeadScorer(() => ({
    ...deps,
    onScoringError: (error, leadId) => reported.push({ error, leadId }),
  }));
  return { scorer, reported };
};

/** The world whose score writes fail with `failure`. */
const failingWith = (world: IntelligenceWorld, failure: Error) => ({
  ...world,
  scores: {
    ...world.scores,
    saveScore: async () => {
      throw failure;
    },
  },
});

describe('createLeadScorer', () => {
  it('rescores a stored lead and keeps the snapshot with its trigger', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { scorer, reported } = scorerOn(world);

    const result = await scorer.rescore(lead.leadId, 'message_in');

    expect(result?.lead).toMatchObject({ leadId: lead.leadId, version: 2, scoreProvider: 'bedrock' });
    expect(await world.leads.get(lead.leadId)).toEqual(result?.lead);
    const snapshots = (await world.scores.history(lead.leadId, { limit: 10 })).items;
    expect(snapshots).toEqual([expect.objectContaining({ trigger: 'message_in', score: result?.score })]);
    expect(reported).toEqual([]);
  });

  it('scores with the built-in rules alone when asked to be fast', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { scorer } = scorerOn(world);

    const result = await scorer.rescore(lead.leadId, 'message_in', { fast: true });

    expect(result?.score.provider).toBe('heuristic');
    expect(world.analyzer.calls).toEqual([]);
  });

  it('answers nothing, and reports nothing, for a lead that is not there', async () => {
    const world = intelligenceWorld();
    const { scorer, reported } = scorerOn(world);

    expect(await scorer.rescore('01JD7Q3M2Y9V1X8K4T6R5W0ZZZ', 'message_in')).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it('answers nothing, and reports nothing, for a lead erased while it was scored', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { scorer, reported } = scorerOn(failingWith(world, new LeadGoneError(lead.leadId)));

    expect(await scorer.rescore(lead.leadId, 'message_in')).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it('reports any other failure with the lead’s id and answers nothing, so the action that triggered it stands', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const failure = new Error('Transaction cancelled: throughput exceeded');
    const { scorer, reported } = scorerOn(failingWith(world, failure));

    expect(await scorer.rescore(lead.leadId, 'message_in')).toBeUndefined();
    expect(reported).toEqual([{ error: failure, leadId: lead.leadId }]);
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
  });

  it('swallows a failure even where nothing listens for it', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const scorer = createLeadScorer(() => failingWith(world, new Error('Service unavailable')));

    expect(await scorer.rescore(lead.leadId, 'message_in')).toBeUndefined();
  });
});
