import { beforeEach, describe, expect, it } from 'vitest';
import type { NewLeadEnrolment } from '../../../../lambdas/domain/followups/enrol-new-lead';
import { receiveWhatsApp } from '../../../../lambdas/domain/messaging/receive-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../../../schemas/events/whatsapp';
import { createMockProfile } from '../../../helpers/factories';
import { TEST_PHONE_NUMBER_ID, whatsAppText } from '../../../helpers/webhooks';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');

const message = (from: string, text: string, wamid?: string) =>
  parseWhatsAppEvents(
    whatsAppWebhookSchema.parse(
      whatsAppText({ from, text, timestamp: Math.floor(NOW.getTime() / 1000) - 30, ...(wamid && { wamid }) }),
    ),
  );

let deps: InMemoryMessagingDeps;
let asked: string[];
let errors: unknown[];

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a', email: 'agent-a@example.com' }));
  asked = [];
  errors = [];
  deps.onEnrolError = (error) => errors.push(error);
});

const receive = (from: string, text: string, wamid?: string) =>
  receiveWhatsApp({ events: message(from, text, wamid), businessPhoneNumberId: TEST_PHONE_NUMBER_ID }, deps);

describe("a new WhatsApp lead's automatic follow-up", () => {
  it('is asked for once the lead is scored, and only for the delivery that created the lead', async () => {
    deps.enrolNewLead = async (leadId): Promise<NewLeadEnrolment> => {
      // The score came first, so the sequence is the one for its temperature.
      expect(deps.rescores.map((r) => r.leadId)).toContain(leadId);
      asked.push(leadId);
      return { result: 'enrolled', enrollmentId: `${leadId}_builtin-warm`, created: true };
    };

    const [first] = await receive('12125550181', 'Is the flat on 5th available?');
    const [again] = await receive('12125550181', 'And is there parking?');

    expect(first).toMatchObject({ result: 'recorded', created: true, followUp: 'enrolled' });
    expect(again).toMatchObject({ result: 'recorded', created: false });
    expect(again?.followUp).toBeUndefined();
    expect(asked).toEqual([first?.leadId]);
  });

  it('keeps the lead and the delivery when enrolling fails, and counts the failure', async () => {
    deps.enrolNewLead = async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    };

    const [outcome] = await receive('12125550182', 'Hi, looking for a 2-bed');

    expect(outcome).toMatchObject({ result: 'recorded', created: true, followUp: 'failed' });
    const [lead] = await deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: '+12125550182' });
    expect(lead?.leadId).toBe(outcome?.leadId);
    expect(deps.counted).toEqual(['FollowUpAutoEnrolFailed']);
    expect(errors).toHaveLength(1);
  });
});
