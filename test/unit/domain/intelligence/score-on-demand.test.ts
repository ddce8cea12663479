import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { scoreOnDemand } from '../../../../lambdas/domain/intelligence/score-on-demand';
import { dana, intelligenceWorld, omar, seedLead } from './intelligence-world';

describe('scoreOnDemand', () => {
  it('scores the lead now with the model and keeps it as an on-demand snapshot', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    world.clock.set('2026-03-04T11:00:00.000Z');

    const score = await scoreOnDemand(dana, lead.leadId, world);

    expect(score).toMatchObject({ provider: 'bedrock', scoredAt: '2026-03-04T11:00:00.000Z' });
    expect(await world.leads.get(lead.leadId)).toMatchObject({ score: score.score, version: 2 });
    const snapshots = (await world.scores.history(lead.leadId, { limit: 10 })).items;
    expect(snapshots).toEqual([expect.objectContaining({ trigger: 'on_demand', score })]);
  });

  it('answers another agent’s lead as not found, scoring nothing', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);

    await expect(scoreOnDemand(omar, lead.leadId, world)).rejects.toBeInstanceOf(NotFoundError);
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
    expect(world.analyzer.calls).toEqual([]);
  });
});
