import { describe, expect, it } from 'vitest';
import { notifyAgent } from '../../../../lambdas/domain/notifications/notify-agent';
import {
  deviceIdOf,
  registerDevice,
  unregisterDevice,
} from '../../../../lambdas/domain/notifications/register-device';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { PushMessage } from '../../../../lambdas/ports/push';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryDevices, createMockDevice, createPushRecorder } from './push-world';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();
const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });
const TOKEN = 'f3a9c1d27e5b4a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';
const ENDPOINT = `arn:aws:sns:us-east-1:000000000000:endpoint/APNS/crm/${TOKEN}`;
const hotReply: PushMessage = {
  title: 'A hot lead replied',
  body: 'Your hot lead answered on WhatsApp. Reply while they are there.',
  data: { kind: 'lead.replied', leadId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB', channel: 'whatsapp' },
};

const setup = () => {
  const clock = fixedClock(NOW);
  const devices = createInMemoryDevices();
  const recorder = createPushRecorder();
  return { clock, devices, recorder, deps: { devices, push: recorder.push, clock } };
};

describe('deviceIdOf', () => {
  it('derives a short, URL-safe id that is the same for the same token and differs for another', () => {
    const id = deviceIdOf(TOKEN);

    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceIdOf(TOKEN)).toBe(id);
    expect(deviceIdOf(`${TOKEN}0`)).not.toBe(id);
  });
});

describe('registerDevice', () => {
  it('makes the phone reachable and keeps it with its endpoint under the agent', async () => {
    const { devices, recorder, deps } = setup();

    const registered = await registerDevice(dana, { platform: 'ios', token: TOKEN }, deps);

    const deviceId = deviceIdOf(TOKEN);
    expect(registered).toEqual({ deviceId, platform: 'ios', registeredAt: NOW });
    expect(recorder.registered).toEqual([
      { agentId: dana.agentId, deviceId, platform: 'ios', token: TOKEN, registeredAt: NOW },
    ]);
    expect(devices.all()).toEqual([
      {
        agentId: dana.agentId,
        deviceId,
        platform: 'ios',
        token: TOKEN,
        registeredAt: NOW,
        endpointArn: `arn:aws:sns:us-east-1:000000000000:endpoint/APNS/crm/${TOKEN}`,
      },
    ]);
  });

  it('keeps no endpoint when the push service makes none (the local outbox)', async () => {
    const { devices, recorder, deps } = setup();
    recorder.withoutEndpoints();

    await registerDevice(dana, { platform: 'android', token: TOKEN }, deps);

    expect(devices.all()[0]).not.toHaveProperty('endpointArn');
    expect(devices.all()[0]).toMatchObject({ platform: 'android', token: TOKEN });
  });

  it('refreshes the same phone registered again instead of adding a second one', async () => {
    const { devices, clock, deps } = setup();
    await registerDevice(dana, { platform: 'ios', token: TOKEN }, deps);
    clock.set('2026-03-09T08:00:00.000Z');

    const again = await registerDevice(dana, { platform: 'ios', token: TOKEN }, deps);

    expect(again.deviceId).toBe(deviceIdOf(TOKEN));
    expect(devices.all()).toEqual([expect.objectContaining({ registeredAt: '2026-03-09T08:00:00.000Z' })]);
  });
});

describe('a phone another agent signs in on', () => {
  const handOver = async () => {
    const world = setup();
    await registerDevice(dana, { platform: 'ios', token: TOKEN }, world.deps);
    world.clock.set('2026-03-02T15:30:00.000Z');
    await registerDevice(omar, { platform: 'ios', token: TOKEN }, world.deps);
    return world;
  };

  it('moves to the new agent: the one who had it keeps no record of it, the endpoint stays', async () => {
    const { devices, recorder } = await handOver();

    expect(devices.all()).toEqual([
      expect.objectContaining({ agentId: omar.agentId, token: TOKEN, endpointArn: ENDPOINT }),
    ]);
    expect(await devices.listFor(dana.agentId)).toEqual([]);
    expect(recorder.unregistered).toEqual([]);
  });

  it("no longer gets the first agent's notices, and gets the new agent's", async () => {
    const { recorder, deps } = await handOver();

    expect(await notifyAgent(dana.agentId, hotReply, deps)).toBe(0);
    expect(recorder.received).toEqual([]);
    expect(await notifyAgent(omar.agentId, hotReply, deps)).toBe(1);
    expect(recorder.received).toEqual([{ token: TOKEN, message: hotReply }]);
  });

  it('stays reachable for the new agent when the first one signs out of it', async () => {
    const { devices, recorder, deps } = await handOver();

    await unregisterDevice(dana, deviceIdOf(TOKEN), deps);

    expect(recorder.unregistered).toEqual([]);
    expect(await devices.listFor(omar.agentId)).toEqual([expect.objectContaining({ endpointArn: ENDPOINT })]);
    expect(await notifyAgent(omar.agentId, hotReply, deps)).toBe(1);
  });

  it('leaves the endpoint to the new agent when the first one signs out of a record kept from before', async () => {
    const { devices, recorder, deps } = setup();
    devices.saveAsBefore(
      createMockDevice({ agentId: dana.agentId, deviceId: deviceIdOf(TOKEN), token: TOKEN }),
    );
    await registerDevice(omar, { platform: 'ios', token: TOKEN }, deps);

    await unregisterDevice(dana, deviceIdOf(TOKEN), deps);

    expect(recorder.unregistered).toEqual([]);
    expect(devices.all()).toEqual([
      expect.objectContaining({ agentId: omar.agentId, endpointArn: ENDPOINT }),
    ]);
  });

  it('taken back by the first agent, is theirs alone again', async () => {
    const { devices, clock, recorder, deps } = await handOver();
    clock.set('2026-03-03T08:00:00.000Z');

    await registerDevice(dana, { platform: 'ios', token: TOKEN }, deps);

    expect(devices.all()).toEqual([expect.objectContaining({ agentId: dana.agentId, token: TOKEN })]);
    expect(await notifyAgent(omar.agentId, hotReply, deps)).toBe(0);
    expect(await notifyAgent(dana.agentId, hotReply, deps)).toBe(1);
    expect(recorder.received).toHaveLength(1);
  });
});

describe('unregisterDevice', () => {
  it('forgets the phone at the push service and in the registry', async () => {
    const { devices, recorder, deps } = setup();
    await registerDevice(dana, { platform: 'ios', token: TOKEN }, deps);

    await unregisterDevice(dana, deviceIdOf(TOKEN), deps);

    expect(recorder.unregistered).toEqual([TOKEN]);
    expect(devices.all()).toEqual([]);
  });

  it('does nothing for a device the agent does not have, another agent’s included', async () => {
    const { devices, recorder, deps } = setup();
    const omarsPhone = createMockDevice({ agentId: omar.agentId });
    await devices.save(omarsPhone);

    await unregisterDevice(dana, omarsPhone.deviceId, deps);
    await unregisterDevice(dana, 'device-unknown', deps);

    expect(recorder.unregistered).toEqual([]);
    expect(devices.all()).toEqual([omarsPhone]);
  });
});
