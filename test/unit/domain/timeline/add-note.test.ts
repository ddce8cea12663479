import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { addNote } from '../../../../lambdas/domain/timeline/add-note';
import { getTimeline } from '../../../../lambdas/domain/timeline/get-timeline';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();

describe('addNote', () => {
  it("adds the agent's note to the lead's timeline, stamped now", async () => {
    const deps = createInMemoryDeps(fixedClock('2026-03-04T16:45:00.000Z'));
    const lead = createMockLead();
    await deps.leads.create(lead, []);

    const note = await addNote(dana, lead.leadId, 'Pre-approved for a mortgage up to $700k', deps);

    expect(note).toMatchObject({
      leadId: lead.leadId,
      type: 'note',
      direction: 'internal',
      text: 'Pre-approved for a mortgage up to $700k',
      occurredAt: '2026-03-04T16:45:00.000Z',
      createdBy: dana.agentId,
    });
    expect((await getTimeline(dana, lead.leadId, { limit: 10 }, deps)).items).toEqual([note]);
  });

  it("answers another agent's lead with not-found and writes nothing", async () => {
    const deps = createInMemoryDeps();
    const lead = createMockLead({ agentId: 'agent-omar-haddad' });
    await deps.leads.create(lead, []);

    await expect(addNote(dana, lead.leadId, 'Wants a viewing', deps)).rejects.toBeInstanceOf(NotFoundError);

    expect((await deps.interactions.listTimeline(lead.leadId, { limit: 10 })).items).toEqual([]);
  });
});
