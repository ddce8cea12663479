import { beforeEach, describe, expect, it } from 'vitest';
import { LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import { createIdGenerator } from '../../lambdas/shared/ids';
import { createMockInteraction } from '../helpers/factories';
import { aLead, type MakeWorld, type StoreWorld } from './world';

const newId = createIdGenerator();

/** The timeline's behaviour, whatever stores it. */
export const describeInteractionRepositoryContract = (name: string, makeWorld: MakeWorld) => {
  describe(`interaction repository contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    it('reads a timeline newest first, a page at a time, whatever order the entries were added in', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      const [first, second, third] = [newId(), newId(), newId()].map((interactionId, n) =>
        createMockInteraction({ leadId: lead.leadId, interactionId, text: `Entry ${n + 1}` }),
      );
      for (const item of [second, third, first]) if (item) await world.interactions.add(item);

      const page1 = await world.interactions.listTimeline(lead.leadId, { limit: 2 });
      const page2 = await world.interactions.listTimeline(lead.leadId, {
        limit: 2,
        cursor: page1.nextCursor ?? 'missing',
      });

      expect(page1.items.map((item) => item.text)).toEqual(['Entry 3', 'Entry 2']);
      expect(page2.items.map((item) => item.text)).toEqual(['Entry 1']);
      expect(page2.nextCursor).toBeNull();
      expect(page1.items[0]).toEqual(third);
    });

    it('keeps timelines of different leads apart', async () => {
      const [a, b] = [aLead(), aLead()];
      for (const lead of [a, b]) await world.leads.create(lead, []);
      await world.interactions.add(
        createMockInteraction({ leadId: a.leadId, interactionId: newId(), text: 'For A' }),
      );

      expect((await world.interactions.listTimeline(b.leadId, { limit: 10 })).items).toEqual([]);
      expect(
        (await world.interactions.listTimeline(a.leadId, { limit: 10 })).items.map((i) => i.text),
      ).toEqual(['For A']);
    });

    it('refuses an entry for a lead that does not exist, storing nothing', async () => {
      const leadId = newId();
      await expect(
        world.interactions.add(createMockInteraction({ leadId, interactionId: newId() })),
      ).rejects.toBeInstanceOf(LeadGoneError);
      expect((await world.interactions.listTimeline(leadId, { limit: 10 })).items).toEqual([]);
    });

    it('refuses a second entry with the same id, keeping the first', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      const entry = createMockInteraction({ leadId: lead.leadId, interactionId: newId(), text: 'Original' });
      await world.interactions.add(entry);

      const again = world.interactions.add({ ...entry, text: 'Overwrite' });
      await expect(again).rejects.toThrow();
      // The lead is alive: the refusal is about the entry, not the lead.
      await expect(again).rejects.not.toBeInstanceOf(LeadGoneError);
      expect((await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items).toEqual([entry]);
    });
  });
};
