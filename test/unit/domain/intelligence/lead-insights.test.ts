import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { leadInsights } from '../../../../lambdas/domain/intelligence/lead-insights';
import { rescoreLead } from '../../../../lambdas/domain/intelligence/rescore-lead';
import { createMockInteraction } from '../../../helpers/factories';
import { dana, type IntelligenceWorld, intelligenceWorld, omar, seedLead } from './intelligence-world';

const history = async (world: IntelligenceWorld, leadId: string) =>
  (await world.scores.history(leadId, { limit: 10 })).items;

describe('leadInsights', () => {
  it('reads the lead’s words with the model and answers with the latest score, scoring nothing again', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world, {
      initialMessage: 'We are pre-approved for $650k and want to view the house this weekend.',
    });
    const { lead: scored, score } = await rescoreLead(lead, 'created', world);
    await world.interactions.add(
      createMockInteraction({
        leadId: lead.leadId,
        text: 'Prefers mornings',
        occurredAt: '2026-03-02T15:00:00.000Z',
      }),
    );
    world.clock.set('2026-03-03T09:00:00.000Z');
    world.analyzer.calls.length = 0;

    const insights = await leadInsights(dana, lead.leadId, world);

    expect(world.analyzer.calls).toEqual([
      {
        text: 'We are pre-approved for $650k and want to view the house this weekend.',
        leadName: 'Sam Rivera',
        leadId: lead.leadId,
      },
    ]);
    expect(insights).toMatchObject({
      leadId: lead.leadId,
      score: score.score,
      temperature: score.temperature,
      budget: { max: 650000, source: 'messages' },
      provider: 'bedrock',
      generatedAt: '2026-03-03T09:00:00.000Z',
      touchpoints: { total: 1, byType: { note: 1 } },
    });
    expect(await history(world, lead.leadId)).toHaveLength(1);
    expect(await world.leads.get(lead.leadId)).toEqual(scored);
  });

  it('answers with the score the lead has now, not one worked out again', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const { lead: scored, score } = await rescoreLead(lead, 'created', world);
    await world.scores.saveScore(
      scored,
      { ...scored, version: scored.version + 1 },
      {
        snapshotId: world.newId(),
        leadId: lead.leadId,
        trigger: 'status_change',
        score: { ...score, score: 97, temperature: 'hot' },
      },
    );

    const insights = await leadInsights(dana, lead.leadId, world);

    expect(insights).toMatchObject({ score: 97, temperature: 'hot' });
  });

  it('uses the built-in rules, with no model call, for a lead who wrote nothing', async () => {
    const world = intelligenceWorld();
    const { initialMessage: _none, ...silent } = await seedLead(world, { initialMessage: undefined });
    await rescoreLead(silent, 'created', world);
    world.analyzer.calls.length = 0;

    const insights = await leadInsights(dana, silent.leadId, world);

    expect(world.analyzer.calls).toEqual([]);
    expect(insights.provider).toBe('heuristic');
  });

  it('scores a lead that never was scored first, and keeps that score', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);

    const insights = await leadInsights(dana, lead.leadId, world);

    const snapshots = await history(world, lead.leadId);
    expect(snapshots.map((s) => s.trigger)).toEqual(['on_demand']);
    expect(insights.score).toBe(snapshots[0]?.score.score);
    expect(await world.leads.get(lead.leadId)).toMatchObject({ score: insights.score, version: 2 });
  });

  it('reads no more than the 100 newest timeline entries', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    await rescoreLead(lead, 'created', world);
    const asked: number[] = [];
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

    await leadInsights(dana, lead.leadId, deps);

    expect(asked).toEqual([100]);
  });

  it('answers another agent’s lead as not found, scoring nothing', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);

    await expect(leadInsights(omar, lead.leadId, world)).rejects.toBeInstanceOf(NotFoundError);
    expect(await history(world, lead.leadId)).toEqual([]);
    expect(world.analyzer.calls).toEqual([]);
  });
});
