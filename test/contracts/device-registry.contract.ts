import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../lambdas/ports/push';
import { freshOwner, type MakeWorld, type StoreWorld } from './world';

/** A phone of a fresh agent's, with a device id no other test uses. */
const aPhone = (overrides: Partial<Device> = {}): Device => {
  const token = `apns${randomUUID().replaceAll('-', '')}`;
  return {
    agentId: freshOwner().agentId,
    deviceId: token.slice(0, 22),
    platform: 'ios',
    token,
    endpointArn: `arn:aws:sns:us-east-1:000000000000:endpoint/APNS/crm/${token}`,
    registeredAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
};

/** Agents' phones, each found by agent and, across agents, by device id, whatever stores them. */
export const describeDeviceRegistryContract = (name: string, makeWorld: MakeWorld) => {
  describe(`device registry contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    it("finds every agent's record of one phone by its device id, and no other phone's", async () => {
      const danas = aPhone();
      const omars = { ...danas, agentId: freshOwner().agentId, registeredAt: '2026-03-02T15:30:00.000Z' };
      const other = aPhone({ agentId: danas.agentId });
      for (const device of [danas, omars, other]) await world.devices.save(device);

      const records = await world.devices.listByDevice(danas.deviceId);

      expect(records).toHaveLength(2);
      expect(records).toEqual(expect.arrayContaining([danas, omars]));
      expect(await world.devices.listByDevice(other.deviceId)).toEqual([other]);
      expect(await world.devices.listByDevice('device-never-registered')).toEqual([]);
    });

    it('keeps one record when the same agent saves the same phone again', async () => {
      const phone = aPhone();
      await world.devices.save(phone);
      const refreshed = { ...phone, registeredAt: '2026-03-09T08:00:00.000Z' };

      await world.devices.save(refreshed);

      expect(await world.devices.listFor(phone.agentId)).toEqual([refreshed]);
      expect(await world.devices.listByDevice(phone.deviceId)).toEqual([refreshed]);
      expect(await world.devices.get(phone.agentId, phone.deviceId)).toEqual(refreshed);
    });

    it("removes one agent's record of a phone and leaves the other agent's", async () => {
      const danas = aPhone();
      const omars = { ...danas, agentId: freshOwner().agentId };
      await world.devices.save(danas);
      await world.devices.save(omars);

      await world.devices.remove(danas.agentId, danas.deviceId);

      expect(await world.devices.listFor(danas.agentId)).toEqual([]);
      expect(await world.devices.get(danas.agentId, danas.deviceId)).toBeUndefined();
      expect(await world.devices.listByDevice(danas.deviceId)).toEqual([omars]);
    });

    it('lists a record kept from before (no endpoint, no index entry) for its agent; found by device id once saved again', async () => {
      const { endpointArn: _, ...phone } = aPhone();
      await world.saveDeviceAsBefore(phone);

      expect(await world.devices.listFor(phone.agentId)).toEqual([phone]);
      expect(await world.devices.listByDevice(phone.deviceId)).toEqual([]);

      await world.devices.save(phone);
      expect(await world.devices.listByDevice(phone.deviceId)).toEqual([phone]);
    });
  });
};
