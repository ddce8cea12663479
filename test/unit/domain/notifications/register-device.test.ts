import { describe, expect, it } from 'vitest';
import {
  deviceIdOf,
  registerDevice,
  unregisterDevice,
} from '../../../../lambdas/domain/notifications/register-device';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryDevices, createMockDevice, createPushRecorder } from './push-world';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();
const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });
const TOKEN = 'f3a9c1d27e5b4a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';

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
