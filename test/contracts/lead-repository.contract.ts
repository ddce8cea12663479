import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, StaleVersionError } from '../../lambdas/domain/errors';
import { DuplicateLeadError, LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { Lead } from '../../schemas/api/leads';
import { createMockInteraction } from '../helpers/factories';
import { aLead, freshOwner, type MakeWorld, type StoreWorld } from './world';

const newId = createIdGenerator();

/** What a write was refused with. */
const refusal = async (write: Promise<unknown>): Promise<unknown> =>
  write.then(
    () => {
      throw new Error('The write was accepted');
    },
    (error: unknown) => error,
  );

/** Every item of a list, following its cursors a page at a time. */
const everyPage = async (
  read: (cursor?: string) => Promise<{ items: Lead[]; nextCursor: string | null }>,
) => {
  const names: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const { items, nextCursor } = await read(cursor);
    names.push(...items.map((lead) => lead.name));
    if (nextCursor === null) return names;
    cursor = nextCursor;
  }
  throw new Error('The list never ended');
};

/** The lead repository's behaviour, whatever stores it. */
export const describeLeadRepositoryContract = (name: string, makeWorld: MakeWorld) => {
  describe(`lead repository contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    it('creates a lead with its first interactions and reads it back, alone or in a batch', async () => {
      const lead = aLead({ name: 'Priya Natarajan', phone: '+12125550101' });
      const first = createMockInteraction({ leadId: lead.leadId, interactionId: newId() });

      await world.leads.create(lead, [first]);

      expect(await world.leads.get(lead.leadId)).toEqual(lead);
      expect(await world.leads.getMany([lead.leadId, newId()])).toEqual([lead]);
      const timeline = await world.interactions.listTimeline(lead.leadId, { limit: 10 });
      expect(timeline.items.map((item) => item.interactionId)).toEqual([first.interactionId]);
    });

    it("refuses a second lead with the agent's phone or email, naming the owner, and writes none of it", async () => {
      const owner = freshOwner();
      const holder = aLead({ ...owner, phone: '+12125550102', email: 'holder@example.com' });
      await world.leads.create(holder, []);
      const samePhone = aLead({ ...owner, phone: '+12125550102' });
      const sameEmail = aLead({ ...owner, email: 'holder@example.com' });
      const note = createMockInteraction({ leadId: samePhone.leadId, interactionId: newId() });

      const byPhone = await refusal(world.leads.create(samePhone, [note]));
      const byEmail = await refusal(world.leads.create(sameEmail, []));

      expect(byPhone).toBeInstanceOf(DuplicateLeadError);
      expect(byPhone).toMatchObject({ existingLeadId: holder.leadId, field: 'phone' });
      expect(byEmail).toBeInstanceOf(DuplicateLeadError);
      expect(byEmail).toMatchObject({ existingLeadId: holder.leadId, field: 'email' });
      expect(await world.leads.get(samePhone.leadId)).toBeUndefined();
      expect((await world.interactions.listTimeline(samePhone.leadId, { limit: 10 })).items).toEqual([]);
    });

    it("lets another agent of the brokerage hold the same number, and finds both by it, not another brokerage's", async () => {
      const { brokerageId } = freshOwner();
      const mine = aLead({ brokerageId, agentId: `${brokerageId}-a`, phone: '+12125550103' });
      const theirs = aLead({ brokerageId, agentId: `${brokerageId}-b`, phone: '+12125550103' });
      const elsewhere = aLead({ phone: '+12125550103' });
      for (const lead of [mine, theirs, elsewhere]) await world.leads.create(lead, []);

      const found = await world.leads.findByContact(brokerageId, { kind: 'phone', value: '+12125550103' });

      expect(found.map((lead) => lead.leadId).sort()).toEqual([mine.leadId, theirs.leadId].sort());
    });

    it('updates a lead only from the version it was read at', async () => {
      const lead = aLead({ name: 'Omar Haddad' });
      await world.leads.create(lead, []);
      const renamed = { ...lead, name: 'Omar K. Haddad', version: 2 };
      await world.leads.update(lead, renamed);

      await expect(
        world.leads.update(lead, { ...lead, name: 'Lost Edit', version: 2 }),
      ).rejects.toBeInstanceOf(StaleVersionError);
      expect(await world.leads.get(lead.leadId)).toEqual(renamed);
    });

    it('moves the contact claim with a changed number: the old one is free, the new one taken', async () => {
      const owner = freshOwner();
      const lead = aLead({ ...owner, phone: '+12125550104' });
      const other = aLead({ ...owner, phone: '+12125550105' });
      await world.leads.create(lead, []);
      await world.leads.create(other, []);

      const moved = { ...lead, phone: '+12125550106', version: 2 };
      await world.leads.update(lead, moved);
      const taken = await refusal(world.leads.update(moved, { ...moved, phone: '+12125550105', version: 3 }));

      expect(taken).toBeInstanceOf(DuplicateLeadError);
      expect(taken).toMatchObject({ existingLeadId: other.leadId, field: 'phone' });

      expect(await world.leads.get(lead.leadId)).toEqual(moved);
      await world.leads.create(aLead({ ...owner, phone: '+12125550104' }), []);
      await expect(world.leads.create(aLead({ ...owner, phone: '+12125550106' }), [])).rejects.toBeInstanceOf(
        DuplicateLeadError,
      );
    });

    it('keeps the phone’s claim when an email is added or dropped beside it, and frees only what was dropped', async () => {
      const owner = freshOwner();
      const lead = aLead({ ...owner, phone: '+12125550107' });
      await world.leads.create(lead, []);

      const withEmail = { ...lead, email: 'kai.moreno@example.com', version: 2 };
      await world.leads.update(lead, withEmail);
      const phoneTaken = await refusal(world.leads.create(aLead({ ...owner, phone: '+12125550107' }), []));
      expect(phoneTaken).toMatchObject({ existingLeadId: lead.leadId, field: 'phone' });
      const emailTaken = await refusal(
        world.leads.create(aLead({ ...owner, email: 'kai.moreno@example.com' }), []),
      );
      expect(emailTaken).toMatchObject({ existingLeadId: lead.leadId, field: 'email' });

      const { email: _email, ...withoutEmail } = { ...withEmail, version: 3 };
      await world.leads.update(withEmail, withoutEmail);
      expect(await world.leads.get(lead.leadId)).toEqual(withoutEmail);
      await world.leads.create(aLead({ ...owner, email: 'kai.moreno@example.com' }), []);
      await expect(world.leads.create(aLead({ ...owner, phone: '+12125550107' }), [])).rejects.toBeInstanceOf(
        DuplicateLeadError,
      );
    });

    it("lists an agent's leads newest first and best first, one page at a time", async () => {
      const owner = freshOwner();
      const leads = [
        aLead({ ...owner, name: 'Oldest', score: 9, createdAt: '2026-03-01T09:00:00.000Z' }),
        aLead({ ...owner, name: 'Middle', score: 100, createdAt: '2026-03-01T10:00:00.000Z' }),
        aLead({ ...owner, name: 'Newest', score: 85, createdAt: '2026-03-01T11:00:00.000Z' }),
        aLead({ ...owner, name: 'Latest', score: 10, createdAt: '2026-03-01T12:00:00.000Z' }),
      ];
      for (const lead of leads) await world.leads.create(lead, []);
      const list = (sort: 'newest' | 'score') => (cursor?: string) =>
        world.leads.listForAgent({ agentId: owner.agentId, sort, limit: 3, ...(cursor && { cursor }) });

      expect(await everyPage(list('newest'))).toEqual(['Latest', 'Newest', 'Middle', 'Oldest']);
      expect(await everyPage(list('score'))).toEqual(['Middle', 'Newest', 'Latest', 'Oldest']);
    });

    it("filters an agent's list by temperature and status, keeping its order", async () => {
      const owner = freshOwner();
      const leads = [
        aLead({
          ...owner,
          name: 'Hot New',
          temperature: 'hot',
          score: 88,
          createdAt: '2026-03-01T09:00:00.000Z',
        }),
        aLead({ ...owner, name: 'Hot Contacted', temperature: 'hot', status: 'contacted', score: 95 }),
        aLead({
          ...owner,
          name: 'Hot Later',
          temperature: 'hot',
          score: 71,
          createdAt: '2026-03-01T12:00:00.000Z',
        }),
        aLead({ ...owner, name: 'Cold New', temperature: 'cold', score: 12 }),
      ];
      for (const lead of leads) await world.leads.create(lead, []);
      const list =
        (query: { sort: 'newest' | 'score'; temperature?: 'hot'; status?: 'new' }) => (cursor?: string) =>
          world.leads.listForAgent({ agentId: owner.agentId, limit: 1, ...query, ...(cursor && { cursor }) });

      expect(await everyPage(list({ sort: 'score', temperature: 'hot' }))).toEqual([
        'Hot Contacted',
        'Hot New',
        'Hot Later',
      ]);
      expect(await everyPage(list({ sort: 'newest', temperature: 'hot', status: 'new' }))).toEqual([
        'Hot Later',
        'Hot New',
      ]);
    });

    it("lists a brokerage's leads of every agent best first and newest first, filtered", async () => {
      const { brokerageId } = freshOwner();
      const leads = [
        aLead({
          brokerageId,
          agentId: `${brokerageId}-a`,
          name: 'A Warm',
          score: 55,
          createdAt: '2026-03-01T09:00:00.000Z',
        }),
        aLead({
          brokerageId,
          agentId: `${brokerageId}-b`,
          name: 'B Hot',
          score: 92,
          temperature: 'hot',
          createdAt: '2026-03-01T08:00:00.000Z',
        }),
        aLead({
          brokerageId,
          agentId: `${brokerageId}-a`,
          name: 'A Cold',
          score: 8,
          temperature: 'cold',
          createdAt: '2026-03-01T10:00:00.000Z',
        }),
      ];
      for (const lead of leads) await world.leads.create(lead, []);
      const list = (sort: 'newest' | 'score', temperature?: 'hot') => (cursor?: string) =>
        world.leads.listForBrokerage({
          brokerageId,
          sort,
          limit: 2,
          ...(temperature && { temperature }),
          ...(cursor && { cursor }),
        });

      expect(await everyPage(list('score'))).toEqual(['B Hot', 'A Warm', 'A Cold']);
      expect(await everyPage(list('newest'))).toEqual(['A Cold', 'A Warm', 'B Hot']);
      expect(await everyPage(list('score', 'hot'))).toEqual(['B Hot']);
    });

    it('hides a lead whose erase has begun from every read but the erase, and refuses every write to it', async () => {
      const owner = freshOwner();
      const lead = aLead({ ...owner, phone: '+12125550107' });
      await world.leads.create(lead, [
        createMockInteraction({ leadId: lead.leadId, interactionId: newId() }),
      ]);

      await world.beginErase(lead);

      expect(await world.leads.get(lead.leadId)).toBeUndefined();
      expect(await world.leads.get(lead.leadId, { includeErasing: true })).toMatchObject({
        leadId: lead.leadId,
      });
      expect(await world.leads.getMany([lead.leadId])).toEqual([]);
      expect(
        await world.leads.findByContact(owner.brokerageId, { kind: 'phone', value: '+12125550107' }),
      ).toEqual([]);
      expect(
        (await world.leads.listForAgent({ agentId: owner.agentId, sort: 'newest', limit: 10 })).items,
      ).toEqual([]);
      await expect(
        world.leads.update(lead, { ...lead, name: 'Late Edit', version: 2 }),
      ).rejects.toBeInstanceOf(LeadGoneError);
      await expect(
        world.leads.update(lead, { ...lead, phone: '+12125550108', version: 2 }),
      ).rejects.toBeInstanceOf(LeadGoneError);
      await expect(
        world.interactions.add(createMockInteraction({ leadId: lead.leadId, interactionId: newId() })),
      ).rejects.toBeInstanceOf(LeadGoneError);
    });

    it('finishes an erase begun earlier: the lead, its timeline and its claims are gone', async () => {
      const owner = freshOwner();
      const lead = aLead({ ...owner, phone: '+12125550109', email: 'erased@example.com' });
      await world.leads.create(lead, [
        createMockInteraction({ leadId: lead.leadId, interactionId: newId() }),
      ]);
      await world.beginErase(lead);

      await world.leads.erase(lead);

      expect(await world.leads.get(lead.leadId, { includeErasing: true })).toBeUndefined();
      expect((await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items).toEqual([]);
      await world.leads.create(aLead({ ...owner, phone: '+12125550109', email: 'erased@example.com' }), []);
      await expect(world.leads.erase(lead)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses an update of a lead that does not exist as gone', async () => {
      const lead = aLead();
      await expect(world.leads.update(lead, { ...lead, version: 2 })).rejects.toBeInstanceOf(LeadGoneError);
      expect(await world.leads.get(lead.leadId)).toBeUndefined();
    });
  });
};
