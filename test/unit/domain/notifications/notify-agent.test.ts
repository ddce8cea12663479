import { describe, expect, it } from 'vitest';
import { notifyAgent } from '../../../../lambdas/domain/notifications/notify-agent';
import type { PushMessage } from '../../../../lambdas/ports/push';
import { createInMemoryDevices, createMockDevice, createPushRecorder } from './push-world';

const message: PushMessage = {
  title: 'A hot lead replied',
  body: 'Your hot lead answered on WhatsApp. Reply while they are there.',
  data: { kind: 'lead.replied', leadId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB', channel: 'whatsapp' },
};

const setup = async (count: number) => {
  const devices = createInMemoryDevices();
  const recorder = createPushRecorder();
  const phones = Array.from({ length: count }, () => createMockDevice());
  for (const phone of phones) await devices.save(phone);
  await devices.save(createMockDevice({ agentId: 'agent-omar-haddad', token: 'apns-token-omar' }));
  return { devices, recorder, phones, deps: { devices, push: recorder.push } };
};

describe('notifyAgent', () => {
  it('sends the notification to each of the agent’s phones and no one else’s', async () => {
    const { recorder, phones, deps } = await setup(2);

    const reached = await notifyAgent('agent-dana-lee', message, deps);

    expect(reached).toBe(2);
    expect(recorder.received).toEqual(phones.map((phone) => ({ token: phone.token, message })));
  });

  it('forgets a phone the push service reports gone, and counts only the phones reached', async () => {
    const { devices, recorder, phones, deps } = await setup(2);
    const [kept, gone] = phones as [(typeof phones)[0], (typeof phones)[0]];
    recorder.fate(gone.token, 'gone');

    const reached = await notifyAgent('agent-dana-lee', message, deps);

    expect(reached).toBe(1);
    expect(recorder.unregistered).toEqual([gone.token]);
    expect(await devices.listFor('agent-dana-lee')).toEqual([kept]);
  });

  it('still reaches the other phones when one fails, and keeps the failing one', async () => {
    const { devices, recorder, phones, deps } = await setup(3);
    recorder.fate(phones[0]?.token ?? '', new Error('Push service throttled the request'));

    const reached = await notifyAgent('agent-dana-lee', message, deps);

    expect(reached).toBe(2);
    expect(recorder.received.map((r) => r.token)).toEqual([phones[1]?.token, phones[2]?.token]);
    expect(await devices.listFor('agent-dana-lee')).toHaveLength(3);
  });

  it('fails with the push service’s error when no phone could be reached because of it', async () => {
    const { recorder, phones, deps } = await setup(2);
    const throttled = new Error('Push service throttled the request');
    recorder.fate(phones[0]?.token ?? '', throttled);
    recorder.fate(phones[1]?.token ?? '', 'gone');

    await expect(notifyAgent('agent-dana-lee', message, deps)).rejects.toBe(throttled);
  });

  it('reaches no one without failing when the agent has no phone, or only gone ones', async () => {
    const { recorder, phones, deps } = await setup(1);
    recorder.fate(phones[0]?.token ?? '', 'gone');

    await expect(notifyAgent('agent-dana-lee', message, deps)).resolves.toBe(0);
    await expect(notifyAgent('agent-without-phones', message, deps)).resolves.toBe(0);
  });

  it('sends nothing to a phone another agent registered since, and forgets it, endpoint kept', async () => {
    const { devices, recorder, deps } = await setup(0);
    const handedOver = createMockDevice({ token: 'apns-token-handed-over' });
    devices.saveAsBefore(handedOver);
    await devices.save({
      ...handedOver,
      agentId: 'agent-omar-haddad',
      registeredAt: '2026-03-02T15:30:00.000Z',
    });

    const reached = await notifyAgent('agent-dana-lee', message, deps);

    expect(reached).toBe(0);
    expect(recorder.received).toEqual([]);
    expect(recorder.unregistered).toEqual([]);
    expect(await devices.listFor('agent-dana-lee')).toEqual([]);
    expect(await notifyAgent('agent-omar-haddad', message, deps)).toBe(2);
    expect(recorder.received.map((r) => r.token)).toContain('apns-token-handed-over');
  });

  it('still sends to a phone whose other record is older than the agent’s own', async () => {
    const { recorder, deps, devices } = await setup(0);
    const phone = createMockDevice({
      token: 'apns-token-taken-back',
      registeredAt: '2026-03-05T09:00:00.000Z',
    });
    await devices.save(phone);
    await devices.save({ ...phone, agentId: 'agent-omar-haddad', registeredAt: '2026-03-01T09:00:00.000Z' });

    expect(await notifyAgent('agent-dana-lee', message, deps)).toBe(1);
    expect(recorder.received).toEqual([{ token: 'apns-token-taken-back', message }]);
  });
});
