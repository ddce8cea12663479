import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { addNote } from '../../../../lambdas/domain/timeline/add-note';
import { getTimeline } from '../../../../lambdas/domain/timeline/get-timeline';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();

const leadWithNotes = async (texts: string[]) => {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const deps = createInMemoryDeps(clock);
  const lead = createMockLead();
  await deps.leads.create(lead, []);
  for (const text of texts) {
    await addNote(dana, lead.leadId, text, deps);
    clock.advance(60 * 60 * 1000);
  }
  return { deps, lead };
};

describe('getTimeline', () => {
  it('lists touchpoints newest first', async () => {
    const { deps, lead } = await leadWithNotes(['First call', 'Sent brochure', 'Booked viewing']);

    const page = await getTimeline(dana, lead.leadId, { limit: 10 }, deps);

    expect(page.items.map((item) => item.text)).toEqual(['Booked viewing', 'Sent brochure', 'First call']);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with the cursor it hands out, continuing where the last page stopped', async () => {
    const { deps, lead } = await leadWithNotes(['First call', 'Sent brochure', 'Booked viewing']);

    const first = await getTimeline(dana, lead.leadId, { limit: 2 }, deps);
    const second = await getTimeline(
      dana,
      lead.leadId,
      { limit: 2, cursor: first.nextCursor ?? 'missing cursor' },
      deps,
    );

    expect(first.items.map((item) => item.text)).toEqual(['Booked viewing', 'Sent brochure']);
    expect(second.items.map((item) => item.text)).toEqual(['First call']);
    expect(second.nextCursor).toBeNull();
  });

  it("answers another agent's lead with not-found", async () => {
    const { deps, lead } = await leadWithNotes(['First call']);
    const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar.haddad@example.com' });

    await expect(getTimeline(omar, lead.leadId, { limit: 10 }, deps)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a lead that does not exist with not-found', async () => {
    const { deps } = await leadWithNotes([]);

    await expect(getTimeline(dana, createMockLead().leadId, { limit: 10 }, deps)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
