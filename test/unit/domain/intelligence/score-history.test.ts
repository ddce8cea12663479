import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { rescoreLead } from '../../../../lambdas/domain/intelligence/rescore-lead';
import { scoreHistory } from '../../../../lambdas/domain/intelligence/score-history';
import { admin, dana, intelligenceWorld, omar, seedLead } from './intelligence-world';

describe('scoreHistory', () => {
  it('pages through every score the lead had, newest first', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    const created = await rescoreLead(lead, 'created', world);
    world.clock.advance(60_000);
    const replied = await rescoreLead(created.lead, 'message_in', world);
    world.clock.advance(60_000);
    await rescoreLead(replied.lead, 'on_demand', world);

    const first = await scoreHistory(dana, lead.leadId, { limit: 2 }, world);
    const rest = await scoreHistory(dana, lead.leadId, { limit: 2, cursor: first.nextCursor ?? '' }, world);

    expect(first.items.map((s) => s.trigger)).toEqual(['on_demand', 'message_in']);
    expect(rest.items.map((s) => s.trigger)).toEqual(['created']);
    expect(rest.items[0]?.score).toEqual(created.score);
  });

  it('shows an admin of the brokerage the history of an agent’s lead', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    await rescoreLead(lead, 'created', world);

    expect((await scoreHistory(admin, lead.leadId, { limit: 10 }, world)).items).toHaveLength(1);
  });

  it('answers another agent’s lead as not found', async () => {
    const world = intelligenceWorld();
    const lead = await seedLead(world);
    await rescoreLead(lead, 'created', world);

    await expect(scoreHistory(omar, lead.leadId, { limit: 10 }, world)).rejects.toBeInstanceOf(NotFoundError);
  });
});
