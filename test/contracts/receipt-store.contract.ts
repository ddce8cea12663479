import { beforeEach, describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../lambdas/domain/errors';
import { LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import type { LeadEvent } from '../../lambdas/ports/lead-events';
import type { Receipt } from '../../lambdas/ports/receipts';
import { createIdGenerator } from '../../lambdas/shared/ids';
import { createMockInteraction } from '../helpers/factories';
import { aLead, type MakeWorld, type StoreWorld } from './world';

const newId = createIdGenerator();

const receiptFor = (key: string, ttlSeconds = 3600): Receipt => ({ scope: 'wa-message', key, ttlSeconds });

/** Receipts and a delivery's all-or-nothing commit, whatever stores them. */
export const describeReceiptStoreContract = (name: string, makeWorld: MakeWorld) => {
  describe(`receipt store contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    it('gives a receipt once until it expires or is released', async () => {
      const key = `wamid.${newId()}`;
      const receipt = receiptFor(key, 60);

      expect(await world.receipts.has('wa-message', key)).toBe(false);
      expect(await world.receipts.claim(receipt)).toBe(true);
      expect(await world.receipts.claim(receipt)).toBe(false);
      expect(await world.receipts.has('wa-message', key)).toBe(true);
      expect(await world.receipts.has('wa-status', key)).toBe(false);

      await world.receipts.release('wa-message', key);
      expect(await world.receipts.claim(receipt)).toBe(true);
      world.clock.advance(61_000);
      expect(await world.receipts.has('wa-message', key)).toBe(false);
      expect(await world.receipts.claim(receipt)).toBe(true);
    });

    it('counts a receipt as held up to the second it expires, and as free from that second on', async () => {
      const key = `wamid.${newId()}`;
      expect(await world.receipts.claim(receiptFor(key, 60))).toBe(true);

      world.clock.advance(59_999);
      expect(await world.receipts.has('wa-message', key)).toBe(true);
      expect(await world.receipts.claim(receiptFor(key, 60))).toBe(false);
      world.clock.advance(1);
      expect(await world.receipts.has('wa-message', key)).toBe(false);
      expect(await world.receipts.claim(receiptFor(key, 60))).toBe(true);
      expect(await world.receipts.has('wa-message', key)).toBe(true);
    });

    it("writes a delivery's lead change, interactions and refs once: a repeat writes nothing", async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      const message = createMockInteraction({
        leadId: lead.leadId,
        interactionId: newId(),
        type: 'whatsapp',
      });
      const key = `wamid.${newId()}`;
      const ref = {
        externalId: key,
        leadId: lead.leadId,
        interactionId: message.interactionId,
        createdAt: lead.createdAt,
      };
      const next = { ...lead, version: 2, engagement: { ...lead.engagement, replies: 1 } };

      const wrote = await world.receipts.commit({
        receipt: receiptFor(key),
        lead: { previous: lead, next },
        interactions: [message],
        refs: [ref],
      });
      const repeat = await world.receipts.commit({
        receipt: receiptFor(key),
        lead: { previous: next, next: { ...next, version: 3 } },
        interactions: [createMockInteraction({ leadId: lead.leadId, interactionId: newId() })],
      });

      expect([wrote, repeat]).toEqual([true, false]);
      expect(await world.leads.get(lead.leadId)).toEqual(next);
      const timeline = await world.interactions.listTimeline(lead.leadId, { limit: 10 });
      expect(timeline.items).toEqual([message]);
      expect(await world.refs.find(key)).toEqual(ref);
      expect(await world.receipts.has('wa-message', key)).toBe(true);
    });

    it('refuses a delivery over a lead that changed since it was read, writing none of it', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      await world.leads.update(lead, { ...lead, name: 'Edited', version: 2 });
      const key = `wamid.${newId()}`;

      await expect(
        world.receipts.commit({
          receipt: receiptFor(key),
          lead: { previous: lead, next: { ...lead, version: 2 } },
          interactions: [createMockInteraction({ leadId: lead.leadId, interactionId: newId() })],
        }),
      ).rejects.toBeInstanceOf(StaleVersionError);

      expect(await world.receipts.has('wa-message', key)).toBe(false);
      expect((await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items).toEqual([]);
      expect(await world.leads.get(lead.leadId)).toMatchObject({ name: 'Edited' });
    });

    it('refuses a delivery for a lead being erased or gone, with or without the lead in it', async () => {
      const erasing = aLead();
      await world.leads.create(erasing, []);
      await world.beginErase(erasing);
      const event: LeadEvent = {
        leadId: erasing.leadId,
        eventId: newId(),
        type: 'lead.replied',
        channel: 'whatsapp',
        occurredAt: erasing.createdAt,
        data: {},
      };
      const [withLead, withoutLead, missing] = [`wamid.${newId()}`, `wamid.${newId()}`, `wamid.${newId()}`];

      await expect(
        world.receipts.commit({
          receipt: receiptFor(withLead),
          lead: { previous: erasing, next: { ...erasing, version: 2 } },
        }),
      ).rejects.toBeInstanceOf(LeadGoneError);
      await expect(
        world.receipts.commit({
          receipt: receiptFor(withoutLead),
          interactions: [createMockInteraction({ leadId: erasing.leadId, interactionId: newId() })],
          events: [event],
        }),
      ).rejects.toBeInstanceOf(LeadGoneError);
      await expect(
        world.receipts.commit({
          receipt: receiptFor(missing),
          refs: [
            { externalId: missing, leadId: newId(), interactionId: newId(), createdAt: erasing.createdAt },
          ],
        }),
      ).rejects.toBeInstanceOf(LeadGoneError);

      for (const key of [withLead, withoutLead, missing])
        expect(await world.receipts.has('wa-message', key)).toBe(false);
      expect(await world.refs.find(missing)).toBeUndefined();
      expect(await world.leads.get(erasing.leadId, { includeErasing: true })).toMatchObject({ version: 1 });
    });

    it("refuses a delivery that would change the lead's phone or email, writing nothing", async () => {
      const lead = aLead({ phone: '+12125550111' });
      await world.leads.create(lead, []);

      await expect(
        world.receipts.commit({
          lead: { previous: lead, next: { ...lead, phone: '+12125550112', version: 2 } },
        }),
      ).rejects.toThrow(/phone or email/);
      await expect(
        world.receipts.commit({
          lead: { previous: lead, next: { ...lead, email: 'kai.moreno@example.com', version: 2 } },
        }),
      ).rejects.toThrow(/phone or email/);
      expect(await world.leads.get(lead.leadId)).toEqual(lead);
    });

    it('writes nothing when one of its interactions exists already', async () => {
      const lead = aLead();
      const existing = createMockInteraction({ leadId: lead.leadId, interactionId: newId(), text: 'Kept' });
      await world.leads.create(lead, [existing]);
      const key = `wamid.${newId()}`;

      await expect(
        world.receipts.commit({
          receipt: receiptFor(key),
          lead: { previous: lead, next: { ...lead, version: 2 } },
          interactions: [{ ...existing, text: 'Overwrite' }],
        }),
      ).rejects.toThrow();

      expect(await world.leads.get(lead.leadId)).toEqual(lead);
      expect((await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items).toEqual([existing]);
      expect(await world.receipts.has('wa-message', key)).toBe(false);
    });
  });
};
