import { describe, expect, it } from 'vitest';
import { consentFor } from '../../../../lambdas/domain/consent/consent-for';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { updateLead } from '../../../../lambdas/domain/leads/update-lead';
import { receiveFacebook } from '../../../../lambdas/domain/messaging/receive-facebook';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { ConsentRecord } from '../../../../lambdas/ports/consent-registry';
import { createLeadBody, updateLeadBody } from '../../../../schemas/api/leads';
import {
  facebookWebhookSchema,
  type LeadgenLead,
  parseFacebookEvents,
} from '../../../../schemas/events/facebook';
import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../../../schemas/events/whatsapp';
import { createMockActor, createMockProfile, DEFAULT_BROKERAGE_ID } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';
import { fixture, TEST_PAGE_ID, whatsAppPreference } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  receiveWhatsAppForBrokerage,
} from '../messaging/in-memory-messaging';

const NOW = '2026-03-02T14:00:00.000Z';
const omar = createMockActor({
  agentId: 'agent-omar-haddad',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
});

const record = (
  state: ConsentRecord['state'],
  changedAt: string,
  channel: ConsentRecord['channel'] = 'whatsapp',
) => ({
  channel,
  state,
  changedAt,
  via: 'message' as const,
  recordedAt: changedAt,
});

const setup = () => createInMemoryDeps(fixedClock(NOW));

describe('a new lead shows the consent the brokerage holds for its contact points', () => {
  it('starts opted out of WhatsApp when its number said STOP before, to anyone', async () => {
    const deps = setup();
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'phone', value: '+12125550170' },
      record('opted_out', '2026-03-01T10:01:00.000Z'),
    );

    const { lead } = await createLead(
      omar,
      createLeadBody.parse({ name: 'Sam Rivera', phone: '(212) 555-0170' }),
      deps,
    );

    expect(lead.consent).toEqual({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-01T10:01:00.000Z',
      updatedAt: NOW,
    });
    expect((await deps.leads.get(lead.leadId))?.consent?.whatsapp).toBe('opted_out');
  });

  it('shows an unsubscribed email address, and nothing for a number never asked', async () => {
    const deps = setup();
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'email', value: 'sam.rivera@example.com' },
      record('opted_out', '2026-03-01T09:00:00.000Z', 'email'),
    );

    const { lead } = await createLead(
      omar,
      createLeadBody.parse({ name: 'Sam Rivera', phone: '+1 212 555 0171', email: 'Sam.Rivera@example.com' }),
      deps,
    );

    expect(lead.consent).toEqual({
      email: 'opted_out',
      emailChangedAt: '2026-03-01T09:00:00.000Z',
      updatedAt: NOW,
    });
  });

  it("leaves another brokerage's STOP for the same number out", async () => {
    const deps = setup();
    await deps.consents.record(
      'brokerage-elsewhere',
      { kind: 'phone', value: '+12125550172' },
      record('opted_out', '2026-03-01T10:00:00.000Z'),
    );

    const { lead } = await createLead(
      omar,
      createLeadBody.parse({ name: 'Sam Rivera', phone: '+12125550172' }),
      deps,
    );

    expect(lead.consent).toBeUndefined();
  });

  it('takes on the consent of a number the agent changes the lead to', async () => {
    const deps = setup();
    const { lead } = await createLead(
      omar,
      createLeadBody.parse({ name: 'Sam Rivera', phone: '+12125550173' }),
      deps,
    );
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'phone', value: '+12125550174' },
      record('opted_out', '2026-03-01T10:00:00.000Z'),
    );

    const updated = await updateLead(
      omar,
      lead.leadId,
      updateLeadBody.parse({ phone: '+12125550174' }),
      lead.version,
      deps,
    );

    expect(updated.consent?.whatsapp).toBe('opted_out');
    expect((await deps.leads.get(lead.leadId))?.consent?.whatsapp).toBe('opted_out');
  });
});

describe('consentFor', () => {
  it('holds an opt-out on the number or on its WhatsApp id for both, even against a newer opt-in on the other', async () => {
    const deps = setup();
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'wa_id', value: '12125550179' },
      record('opted_out', '2026-03-01T10:00:00.000Z'),
    );
    await deps.consents.record(
      DEFAULT_BROKERAGE_ID,
      { kind: 'phone', value: '+12125550178' },
      record('opted_in', '2026-03-01T11:00:00.000Z'),
    );

    const consent = await consentFor(
      DEFAULT_BROKERAGE_ID,
      [
        { kind: 'phone', value: '+12125550178' },
        { kind: 'wa_id', value: '12125550179' },
      ],
      deps,
    );

    expect(consent).toEqual({ whatsapp: { state: 'opted_out', changedAt: '2026-03-01T10:00:00.000Z' } });
  });

  it('keeps only the newest change of one contact point', async () => {
    const deps = setup();
    const point = { kind: 'phone' as const, value: '+12125550175' };
    expect(
      await deps.consents.record(
        DEFAULT_BROKERAGE_ID,
        point,
        record('opted_out', '2026-03-01T10:01:00.000Z'),
      ),
    ).toBe(true);
    expect(
      await deps.consents.record(DEFAULT_BROKERAGE_ID, point, record('opted_in', '2026-03-01T10:00:00.000Z')),
    ).toBe(false);

    expect((await consentFor(DEFAULT_BROKERAGE_ID, [point], deps)).whatsapp?.state).toBe('opted_out');
  });
});

describe('a lead from Facebook Lead Ads shows the consent its number gave on WhatsApp', () => {
  it('starts opted out when the number stopped WhatsApp marketing before the form came in', async () => {
    const form = fixture<LeadgenLead>('facebook', 'leadgen-lead');
    const deps = createInMemoryMessagingDeps(fixedClock('2026-11-25T12:00:00.000Z'), {
      leadAds: { fetchLeadgenLead: async () => form },
    });
    await deps.agents.createIfAbsent(createMockProfile({ agentId: 'agent-a' }));
    const stoppedAt = Math.floor(Date.parse('2026-11-24T18:00:00.000Z') / 1000);
    await receiveWhatsAppForBrokerage(
      {
        events: parseWhatsAppEvents(
          whatsAppWebhookSchema.parse(whatsAppPreference('12125550142', 'stop', stoppedAt)),
        ),
      },
      deps,
    );

    await receiveFacebook(
      {
        events: parseFacebookEvents(facebookWebhookSchema.parse(fixture('facebook', 'leadgen'))),
        pageId: TEST_PAGE_ID,
      },
      deps,
    );

    const [lead] = await deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: '+12125550142' });
    expect(lead).toMatchObject({
      source: 'facebook_lead_ad',
      consent: { whatsapp: 'opted_out', whatsappChangedAt: '2026-11-24T18:00:00.000Z' },
    });
  });
});
