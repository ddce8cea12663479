import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { eraseLead } from '../../../../lambdas/domain/leads/erase-lead';
import { LeadGoneError } from '../../../../lambdas/domain/leads/lead-errors';
import { listLeads } from '../../../../lambdas/domain/leads/list-leads';
import { loadLeadFor } from '../../../../lambdas/domain/leads/load-lead';
import { addNote } from '../../../../lambdas/domain/timeline/add-note';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryDeps, noFollowUps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();
const omar = createMockActor({
  agentId: 'agent-omar-haddad',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
});

const leadWithHistory = async (deps: ReturnType<typeof createInMemoryDeps>) => {
  const { lead } = await createLead(
    dana,
    {
      name: 'Sam Rivera',
      source: 'whatsapp',
      phone: '+1 212 555 0142',
      email: 'sam.rivera@example.com',
      message: 'Hi, is the loft on 5th still for rent?',
    },
    deps,
  );
  await addNote(dana, lead.leadId, 'Called back, wants a viewing on Saturday', deps);
  return lead;
};

const listAll = async (deps: ReturnType<typeof createInMemoryDeps>) =>
  (await listLeads(dana, { sort: 'newest', limit: 100 }, deps)).items;

describe('eraseLead', () => {
  it('removes the lead with its whole timeline and frees its phone and email', async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);

    await eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() });

    await expect(loadLeadFor(dana, lead.leadId, deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listAll(deps)).toEqual([]);
    expect((await deps.interactions.listTimeline(lead.leadId, { limit: 100 })).items).toEqual([]);
    const again = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142', email: 'sam.rivera@example.com' },
      deps,
    );
    expect(again.lead.leadId).not.toBe(lead.leadId);
  });

  it('completes on a retry after an erase that failed part-way', async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);
    deps.leads.interruptNextErase();
    await expect(eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() })).rejects.toThrow();

    await eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() });

    expect(await deps.leads.get(lead.leadId, { includeErasing: true })).toBeUndefined();
    expect((await deps.interactions.listTimeline(lead.leadId, { limit: 100 })).items).toEqual([]);
    const again = await createLead(
      dana,
      { name: 'Sam Rivera', source: 'direct', phone: '+1 212 555 0142' },
      deps,
    );
    expect(again.lead.phone).toBe('+12125550142');
  });

  it('hides a half-erased lead from the agent until the retry finishes', async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);
    deps.leads.interruptNextErase();

    await expect(eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() })).rejects.toThrow();

    await expect(loadLeadFor(dana, lead.leadId, deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listAll(deps)).toEqual([]);
  });

  it("answers another agent's lead with not-found and leaves it in place", async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);

    await expect(eraseLead(omar, lead.leadId, { ...deps, ...noFollowUps() })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    expect(await loadLeadFor(dana, lead.leadId, deps)).toMatchObject({ leadId: lead.leadId });
  });

  it('answers a second erase of the same lead with not-found', async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);
    await eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() });

    await expect(eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses an edit read before an erase that is under way, so it cannot unhide the lead or claim a number', async () => {
    const deps = createInMemoryDeps();
    const lead = await leadWithHistory(deps);
    const read = await loadLeadFor(dana, lead.leadId, deps);
    deps.leads.interruptNextErase();
    await expect(eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() })).rejects.toThrow();

    const stale = deps.leads.update(read, { ...read, phone: '+12125550143', version: read.version + 1 });

    await expect(stale).rejects.toBeInstanceOf(LeadGoneError);
    await expect(loadLeadFor(dana, lead.leadId, deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addNote(dana, lead.leadId, 'Too late', deps)).rejects.toBeInstanceOf(NotFoundError);
    await eraseLead(dana, lead.leadId, { ...deps, ...noFollowUps() });
    const fresh = await createLead(
      dana,
      { name: 'New Owner', source: 'direct', phone: '+1 212 555 0143' },
      deps,
    );
    expect(fresh.lead.phone).toBe('+12125550143');
  });
});
