import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsentRecord, ContactPoint } from '../../lambdas/ports/consent-registry';
import { freshOwner, type MakeWorld, type StoreWorld } from './world';

const at = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, '0')}:00.000Z`;

const change = (
  state: ConsentRecord['state'],
  minute: number,
  channel: ConsentRecord['channel'] = 'whatsapp',
) => ({ channel, state, changedAt: at(minute), via: 'message', recordedAt: at(59) }) satisfies ConsentRecord;

/** The consent registry's behaviour, whatever stores it: the newest change wins, per brokerage and channel. */
export const describeConsentRegistryContract = (name: string, makeWorld: MakeWorld) => {
  describe(`consent registry contract: ${name}`, () => {
    let world: StoreWorld;
    let brokerageId: string;
    const phone: ContactPoint = { kind: 'phone', value: '+12125550121' };
    beforeEach(async () => {
      world = await makeWorld();
      brokerageId = freshOwner().brokerageId;
    });

    it('keeps the newest change whatever order they arrive in', async () => {
      expect(await world.consents.record(brokerageId, phone, change('opted_out', 10))).toBe(true);
      expect(await world.consents.record(brokerageId, phone, change('opted_in', 5))).toBe(false);
      expect(await world.consents.find(brokerageId, [phone])).toEqual([change('opted_out', 10)]);

      expect(await world.consents.record(brokerageId, phone, change('opted_in', 20))).toBe(true);
      expect(await world.consents.find(brokerageId, [phone])).toEqual([change('opted_in', 20)]);
    });

    it('lets an opt-out win over an opt-in of the same instant, in either order', async () => {
      const other: ContactPoint = { kind: 'wa_id', value: '12125550122' };
      await world.consents.record(brokerageId, phone, change('opted_in', 30));
      expect(await world.consents.record(brokerageId, phone, change('opted_out', 30))).toBe(true);
      await world.consents.record(brokerageId, other, change('opted_out', 30));
      expect(await world.consents.record(brokerageId, other, change('opted_in', 30))).toBe(false);

      const held = await world.consents.find(brokerageId, [phone, other]);
      expect(held.map((record) => record.state)).toEqual(['opted_out', 'opted_out']);
    });

    it('takes a repeat of the change it holds, at the same instant, as nothing new', async () => {
      const other: ContactPoint = { kind: 'wa_id', value: '12125550123' };
      expect(await world.consents.record(brokerageId, phone, change('opted_out', 40))).toBe(true);
      expect(await world.consents.record(brokerageId, phone, change('opted_out', 40))).toBe(false);
      expect(await world.consents.record(brokerageId, other, change('opted_in', 40))).toBe(true);
      expect(await world.consents.record(brokerageId, other, change('opted_in', 40))).toBe(false);
      expect(await world.consents.record(brokerageId, other, change('opted_in', 41))).toBe(true);
    });

    it('keeps channels, contact points and brokerages apart', async () => {
      const email: ContactPoint = { kind: 'email', value: 'kai.moreno@example.com' };
      await world.consents.record(brokerageId, phone, change('opted_out', 10, 'whatsapp'));
      await world.consents.record(brokerageId, phone, change('opted_in', 12, 'email'));

      const held = await world.consents.find(brokerageId, [phone]);
      expect(held.map(({ channel, state }) => `${channel}:${state}`).sort()).toEqual([
        'email:opted_in',
        'whatsapp:opted_out',
      ]);
      expect(await world.consents.find(brokerageId, [email])).toEqual([]);
      expect(await world.consents.find(freshOwner().brokerageId, [phone])).toEqual([]);
    });

    it('records by hash on the same record as by contact point', async () => {
      await world.consents.record(brokerageId, phone, change('opted_in', 10, 'email'));

      expect(
        await world.consents.recordByHash(
          brokerageId,
          world.consents.hashOf(phone),
          change('opted_out', 15, 'email'),
        ),
      ).toBe(true);
      expect(
        await world.consents.recordByHash(
          brokerageId,
          world.consents.hashOf(phone),
          change('opted_in', 11, 'email'),
        ),
      ).toBe(false);
      expect(await world.consents.find(brokerageId, [phone])).toEqual([change('opted_out', 15, 'email')]);
    });
  });
};
