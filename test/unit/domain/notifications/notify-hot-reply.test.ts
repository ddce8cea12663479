import { describe, expect, it } from 'vitest';
import { notifyHotReply } from '../../../../lambdas/domain/notifications/notify-hot-reply';
import { createInMemoryDevices, createMockDevice, createPushRecorder } from './push-world';

const LEAD_ID = '01JD7Q3M2Y9V1X8K4T6R5W0ZAB';

const setup = async () => {
  const devices = createInMemoryDevices();
  const recorder = createPushRecorder();
  const phone = createMockDevice();
  await devices.save(phone);
  return { recorder, phone, deps: { devices, push: recorder.push } };
};

describe('notifyHotReply', () => {
  it("tells the agent's phone a hot lead replied, naming the channel and carrying only the lead's id", async () => {
    const { recorder, phone, deps } = await setup();

    const reached = await notifyHotReply(
      { leadId: LEAD_ID, agentId: 'agent-dana-lee', temperature: 'hot' },
      'whatsapp',
      deps,
    );

    expect(reached).toBe(1);
    expect(recorder.received).toEqual([
      {
        token: phone.token,
        message: {
          title: 'A hot lead replied',
          body: 'Your hot lead answered on WhatsApp. Reply while they are there.',
          data: { kind: 'lead.replied', leadId: LEAD_ID, channel: 'whatsapp' },
        },
      },
    ]);
  });

  it('names an email reply, and a channel it has no name for as it came', async () => {
    const { recorder, deps } = await setup();
    const lead = { leadId: LEAD_ID, agentId: 'agent-dana-lee', temperature: 'hot' as const };

    await notifyHotReply(lead, 'email', deps);
    await notifyHotReply(lead, 'facebook', deps);

    expect(recorder.received.map((sent) => sent.message.body)).toEqual([
      'Your hot lead answered on email. Reply while they are there.',
      'Your hot lead answered on facebook. Reply while they are there.',
    ]);
  });

  it('stays quiet for a lead that is not hot', async () => {
    const { recorder, deps } = await setup();

    const reached = await notifyHotReply(
      { leadId: LEAD_ID, agentId: 'agent-dana-lee', temperature: 'warm' },
      'whatsapp',
      deps,
    );

    expect(reached).toBe(0);
    expect(recorder.received).toEqual([]);
  });
});
