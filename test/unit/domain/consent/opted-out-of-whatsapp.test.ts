import { describe, expect, it, vi } from 'vitest';
import { LeadOptedOutError } from '../../../../lambdas/domain/messaging/send-refusals';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { MessagingPort } from '../../../../lambdas/ports/messaging';
import { createMockActor, createMockLead, DEFAULT_BROKERAGE_ID } from '../../../helpers/factories';
import { createInMemoryMessagingDeps } from '../messaging/in-memory-messaging';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();

const setup = async (lead: Parameters<typeof createMockLead>[0]) => {
  const messaging: MessagingPort = {
    sendText: vi.fn(async () => ({ wamid: 'wamid.HBgLMTIxMjU1NTAxNzYVAgARGBJBQkNERUYA' })),
    sendTemplate: vi.fn(async () => ({ wamid: 'wamid.HBgLMTIxMjU1NTAxNzYVAgARGBJBQkNERUZA' })),
    sendMedia: vi.fn(async () => ({ wamid: 'wamid.HBgLMTIxMjU1NTAxNzYVAgARGBJBQkNERUaA' })),
  };
  const deps = createInMemoryMessagingDeps(fixedClock(NOW), { messaging });
  const stored = createMockLead({ lastInboundAt: '2026-03-02T13:00:00.000Z', ...lead });
  await deps.leads.create(stored, []);
  return { deps, messaging, stored };
};

const stop = { channel: 'whatsapp', state: 'opted_out', via: 'preference' } as const;

describe('sending on WhatsApp asks the registry at send time', () => {
  it("refuses a lead whose number opted out on another lead, though this lead's own consent says opted in", async () => {
    const { deps, messaging, stored } = await setup({
      phone: '+12125550176',
      consent: { whatsapp: 'opted_in', whatsappChangedAt: '2026-03-01T09:00:00.000Z' },
    });
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'phone', value: '+12125550176' },
      { ...stop, changedAt: '2026-03-02T10:00:00.000Z', recordedAt: '2026-03-02T10:00:01.000Z' },
    );

    await expect(
      sendWhatsApp(dana, stored.leadId, { text: 'Saturday at 11am?' }, {}, deps),
    ).rejects.toBeInstanceOf(LeadOptedOutError);
    expect(messaging.sendText).not.toHaveBeenCalled();
    expect((await deps.interactions.listTimeline(stored.leadId, { limit: 10 })).items).toEqual([]);
  });

  it('refuses a lead whose WhatsApp id opted out, though its phone did not', async () => {
    const { deps, messaging, stored } = await setup({ phone: '+12125550178', waId: '12125550179' });
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'wa_id', value: '12125550179' },
      { ...stop, changedAt: '2026-03-02T10:00:00.000Z', recordedAt: '2026-03-02T10:00:01.000Z' },
    );

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hello' }, {}, deps)).rejects.toBeInstanceOf(
      LeadOptedOutError,
    );
    expect(messaging.sendText).not.toHaveBeenCalled();
  });

  it('sends to a number whose last change was an opt-in', async () => {
    const { deps, messaging, stored } = await setup({ phone: '+12125550177' });
    const point = { kind: 'phone' as const, value: '+12125550177' };
    await deps.consents.record(DEFAULT_BROKERAGE_ID, point, {
      ...stop,
      changedAt: '2026-03-02T10:00:00.000Z',
      recordedAt: '2026-03-02T10:00:01.000Z',
    });
    await deps.consents.record(DEFAULT_BROKERAGE_ID, point, {
      ...stop,
      state: 'opted_in',
      changedAt: '2026-03-02T11:00:00.000Z',
      recordedAt: '2026-03-02T11:00:01.000Z',
    });

    const message = await sendWhatsApp(dana, stored.leadId, { text: 'Saturday at 11am?' }, {}, deps);

    expect(message).toMatchObject({ direction: 'outbound', deliveryStatus: 'accepted' });
    expect(messaging.sendText).toHaveBeenCalledTimes(1);
  });
});
