import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { listOutcomes } from '../../../../lambdas/domain/intelligence/list-outcomes';
import { recordLeadOutcome } from '../../../../lambdas/domain/intelligence/record-lead-outcome';
import { createMockActor } from '../../../helpers/factories';
import { admin, dana, type IntelligenceWorld, intelligenceWorld, omar, seedLead } from './intelligence-world';

/** Dana's lead closed by `by`, a minute after the one before. */
const close = async (world: IntelligenceWorld, name: string, by = dana) => {
  world.clock.advance(60_000);
  const lead = await seedLead(world, { name });
  await recordLeadOutcome(by, lead.leadId, { outcome: 'converted' }, world);
  return lead;
};

describe('listOutcomes', () => {
  it('lists the brokerage’s outcomes oldest first, or only those one agent recorded', async () => {
    const world = intelligenceWorld();
    const first = await close(world, 'Sam Rivera');
    const second = await close(world, 'Priya Natarajan', admin);
    const third = await close(world, 'Lena Fischer');

    const all = await listOutcomes(admin, { limit: 10 }, world);
    const danas = await listOutcomes(admin, { limit: 10, recordedBy: dana.agentId }, world);

    expect(all.items.map((o) => o.leadId)).toEqual([first.leadId, second.leadId, third.leadId]);
    expect(danas.items.map((o) => o.leadId)).toEqual([first.leadId, third.leadId]);
  });

  it('shows an admin of another brokerage none of them', async () => {
    const world = intelligenceWorld();
    await close(world, 'Sam Rivera');
    const elsewhere = createMockActor({
      agentId: 'agent-kim-park',
      brokerageId: 'brokerage-harbor',
      email: 'kim.park@example.com',
      role: 'admin',
    });

    expect((await listOutcomes(elsewhere, { limit: 10 }, world)).items).toEqual([]);
  });

  it('answers an agent as if there were nothing to list', async () => {
    const world = intelligenceWorld();
    await close(world, 'Sam Rivera');

    await expect(listOutcomes(dana, { limit: 10 }, world)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listOutcomes(omar, { limit: 10, recordedBy: dana.agentId }, world)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
