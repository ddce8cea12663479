import { describe, expect, it } from 'vitest';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import { receiveFacebook } from '../../../../lambdas/domain/messaging/receive-facebook';
import { receiveWhatsApp } from '../../../../lambdas/domain/messaging/receive-whatsapp';
import { WebhookNotBoundError } from '../../../../lambdas/domain/messaging/webhook-binding';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { facebookWebhookSchema, parseFacebookEvents } from '../../../../schemas/events/facebook';
import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../../../schemas/events/whatsapp';
import type { BusinessMetricName } from '../../../../schemas/metrics';
import { createMockProfile } from '../../../helpers/factories';
import { facebookComment, TEST_PHONE_NUMBER_ID, whatsAppText } from '../../../helpers/webhooks';
import { createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');

/** Messaging deps whose metrics keep each count with its dimensions. */
const depsCounting = () => {
  const counted: { metric: BusinessMetricName; dimensions?: Record<string, string> }[] = [];
  const deps = createInMemoryMessagingDeps(fixedClock(NOW));
  deps.metrics = {
    count: (metric, _value, dimensions) => counted.push({ metric, ...(dimensions && { dimensions }) }),
  };
  return { deps, counted };
};

const whatsAppHi = (from: string) =>
  parseWhatsAppEvents(
    whatsAppWebhookSchema.parse(
      whatsAppText({ from, text: 'Hi', timestamp: Math.floor(NOW.getTime() / 1000) - 60 }),
    ),
  );

describe('refused webhook intake', () => {
  it('is counted with reason phone_number_id_missing while the WhatsApp number id is unset', async () => {
    const { deps, counted } = depsCounting();

    await expect(
      receiveWhatsApp({ events: whatsAppHi('12125550160'), businessPhoneNumberId: undefined }, deps),
    ).rejects.toBeInstanceOf(WebhookNotBoundError);
    expect(counted).toEqual([
      { metric: 'WebhookIntakeRefused', dimensions: { reason: 'phone_number_id_missing' } },
    ]);
  });

  it('is counted with reason page_id_missing while the Facebook Page id is unset', async () => {
    const { deps, counted } = depsCounting();
    const events = parseFacebookEvents(
      facebookWebhookSchema.parse(
        facebookComment({ fromId: '100000000000907', name: 'Early Bird', message: 'Hi' }),
      ),
    );

    await expect(receiveFacebook({ events, pageId: undefined }, deps)).rejects.toBeInstanceOf(
      WebhookNotBoundError,
    );
    expect(counted).toEqual([{ metric: 'WebhookIntakeRefused', dimensions: { reason: 'page_id_missing' } }]);
  });

  it('is counted with reason no_agent while the brokerage has nobody to route a new lead to', async () => {
    const { deps, counted } = depsCounting();

    await expect(
      receiveWhatsApp(
        { events: whatsAppHi('12125550161'), businessPhoneNumberId: TEST_PHONE_NUMBER_ID },
        deps,
      ),
    ).rejects.toBeInstanceOf(NoAgentToRouteError);
    expect(counted).toEqual([{ metric: 'WebhookIntakeRefused', dimensions: { reason: 'no_agent' } }]);
  });

  it('is not counted once an agent can take the lead', async () => {
    const { deps, counted } = depsCounting();
    await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));

    const [outcome] = await receiveWhatsApp(
      { events: whatsAppHi('12125550162'), businessPhoneNumberId: TEST_PHONE_NUMBER_ID },
      deps,
    );

    expect(outcome).toMatchObject({ result: 'recorded' });
    expect(counted.filter(({ metric }) => metric === 'WebhookIntakeRefused')).toEqual([]);
  });
});
