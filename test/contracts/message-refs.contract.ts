import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageRef } from '../../lambdas/ports/message-refs';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { Lead } from '../../schemas/api/leads';
import { createMockInteraction } from '../helpers/factories';
import { aLead, type MakeWorld, type StoreWorld } from './world';

const newId = createIdGenerator();

/** Refs and delivery status, whatever stores them: compare-and-set, and gone with the lead. */
export const describeMessageRefsContract = (name: string, makeWorld: MakeWorld) => {
  describe(`message refs contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    /** A lead with one outbound WhatsApp message, and the ref from its wamid. */
    const sentMessage = async (deliveryStatus?: 'accepted'): Promise<{ lead: Lead; ref: MessageRef }> => {
      const lead = aLead();
      const message = createMockInteraction({
        leadId: lead.leadId,
        interactionId: newId(),
        type: 'whatsapp',
        direction: 'outbound',
        text: 'The viewing is at 5pm',
        ...(deliveryStatus && { deliveryStatus }),
      });
      await world.leads.create(lead, [message]);
      const ref = await world.refs.createIfAbsent({
        externalId: `wamid.${newId()}`,
        leadId: lead.leadId,
        interactionId: message.interactionId,
        createdAt: lead.createdAt,
      });
      return { lead, ref };
    };

    it('keeps the first ref made for an id, finds it, and forgets it when removed', async () => {
      const externalId = `fb-user:${newId()}`;
      const first = {
        externalId,
        leadId: newId(),
        interactionId: newId(),
        createdAt: '2026-03-02T14:00:00.000Z',
      };

      expect(await world.refs.createIfAbsent(first)).toEqual(first);
      expect(await world.refs.createIfAbsent({ ...first, leadId: newId() })).toEqual(first);
      expect(await world.refs.find(externalId)).toEqual(first);
      await world.refs.remove(externalId);
      expect(await world.refs.find(externalId)).toBeUndefined();
    });

    it('moves a delivery status only from the status it was read at, with its metadata', async () => {
      const { ref } = await sentMessage('accepted');

      const read = await world.refs.changeDelivery(ref, 'accepted', {
        deliveryStatus: 'read',
        metadata: { statusTimes: { read: '2026-03-02T14:05:00.000Z' } },
      });
      const lateDelivered = await world.refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'delivered' });

      expect([read, lateDelivered]).toEqual([true, false]);
      expect(await world.refs.interactionOf(ref)).toMatchObject({
        deliveryStatus: 'read',
        text: 'The viewing is at 5pm',
        metadata: { statusTimes: { read: '2026-03-02T14:05:00.000Z' } },
      });
    });

    it('sets the first status only while the message has none', async () => {
      const { ref } = await sentMessage();

      expect(await world.refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'sent' })).toBe(false);
      expect(await world.refs.changeDelivery(ref, undefined, { deliveryStatus: 'sent' })).toBe(true);
      expect(await world.refs.changeDelivery(ref, undefined, { deliveryStatus: 'delivered' })).toBe(false);
      expect((await world.refs.interactionOf(ref))?.deliveryStatus).toBe('sent');
    });

    it('changes nothing for a message that does not exist', async () => {
      const ref = {
        externalId: `wamid.${newId()}`,
        leadId: newId(),
        interactionId: newId(),
        createdAt: '2026-03-02T14:00:00.000Z',
      };

      expect(await world.refs.changeDelivery(ref, undefined, { deliveryStatus: 'read' })).toBe(false);
      expect(await world.refs.interactionOf(ref)).toBeUndefined();
    });

    it("removes the lead's refs and messages with the lead", async () => {
      const { lead, ref } = await sentMessage('accepted');

      await world.leads.erase(lead);

      expect(await world.refs.find(ref.externalId)).toBeUndefined();
      expect(await world.refs.interactionOf(ref)).toBeUndefined();
      expect(await world.refs.changeDelivery(ref, 'accepted', { deliveryStatus: 'read' })).toBe(false);
    });
  });
};
