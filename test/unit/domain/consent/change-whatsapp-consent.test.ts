import { describe, expect, it } from 'vitest';
import { changeWhatsAppConsent } from '../../../../lambdas/domain/consent/change-whatsapp-consent';
import { createMockLead } from '../../../helpers/factories';

const NOW = new Date('2026-03-02T14:00:00.000Z');

const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

const context = (at: string, via: 'message' | 'preference' = 'message') => ({
  at: new Date(at),
  now: NOW,
  newId: ids(),
  via,
  cause: { wamid: 'wamid.STOP' },
});

describe('changeWhatsAppConsent', () => {
  it('opts the lead out with an inbound consent line and the event the follow-ups stop on', () => {
    const lead = createMockLead();

    const change = changeWhatsAppConsent(lead, 'opted_out', context('2026-03-02T13:59:00.000Z'));

    expect(change?.lead.consent).toEqual({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-02T13:59:00.000Z',
      updatedAt: NOW.toISOString(),
    });
    expect(change?.interactions).toEqual([
      {
        interactionId: 'id-1',
        leadId: lead.leadId,
        type: 'consent',
        direction: 'inbound',
        text: 'Asked to stop WhatsApp messages: nothing more is sent there until they opt in again',
        occurredAt: '2026-03-02T13:59:00.000Z',
        metadata: { channel: 'whatsapp', consent: 'opted_out', via: 'message', wamid: 'wamid.STOP' },
      },
    ]);
    expect(change?.events).toEqual([
      {
        leadId: lead.leadId,
        eventId: 'id-2',
        type: 'lead.opted_out',
        channel: 'whatsapp',
        occurredAt: '2026-03-02T13:59:00.000Z',
        data: { via: 'message', interactionId: 'id-1' },
      },
    ]);
  });

  it("records WhatsApp's own resume as an opt-in in its own words", () => {
    const lead = createMockLead({
      consent: {
        whatsapp: 'opted_out',
        whatsappChangedAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
      },
    });

    const change = changeWhatsAppConsent(lead, 'opted_in', context('2026-03-02T13:00:00.000Z', 'preference'));

    expect(change?.lead.consent?.whatsapp).toBe('opted_in');
    expect(change?.interactions.map((line) => line.text)).toEqual(['Resumed marketing messages in WhatsApp']);
    expect(change?.events.map((event) => event.type)).toEqual(['lead.opted_in']);
  });

  it('only moves the time on when the lead already holds that state, with no line or event', () => {
    const lead = createMockLead({
      consent: {
        whatsapp: 'opted_out',
        whatsappChangedAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
      },
    });

    const change = changeWhatsAppConsent(
      lead,
      'opted_out',
      context('2026-03-02T13:00:00.000Z', 'preference'),
    );

    expect(change).toEqual({
      lead: {
        ...lead,
        consent: {
          whatsapp: 'opted_out',
          whatsappChangedAt: '2026-03-02T13:00:00.000Z',
          updatedAt: NOW.toISOString(),
        },
      },
      interactions: [],
      events: [],
    });
  });

  it('changes nothing for a change older than the one the lead holds', () => {
    const lead = createMockLead({
      consent: {
        whatsapp: 'opted_out',
        whatsappChangedAt: '2026-03-02T12:00:00.000Z',
        updatedAt: '2026-03-02T12:00:00.000Z',
      },
    });

    expect(changeWhatsAppConsent(lead, 'opted_in', context('2026-03-02T11:00:00.000Z'))).toBeUndefined();
  });

  it("never lets the lead's email consent hide an older WhatsApp change", () => {
    const lead = createMockLead({
      consent: {
        email: 'opted_out',
        emailChangedAt: '2026-03-02T12:00:00.000Z',
        updatedAt: '2026-03-02T12:00:00.000Z',
      },
    });

    const change = changeWhatsAppConsent(lead, 'opted_out', context('2026-03-02T11:00:00.000Z'));

    expect(change?.lead.consent).toMatchObject({ email: 'opted_out', whatsapp: 'opted_out' });
  });

  it('orders by when the consent was stored for a lead that does not know when it was given', () => {
    const lead = createMockLead({
      consent: { whatsapp: 'opted_out', updatedAt: '2026-03-02T12:00:00.000Z' },
    });

    expect(changeWhatsAppConsent(lead, 'opted_in', context('2026-03-02T11:00:00.000Z'))).toBeUndefined();
    expect(
      changeWhatsAppConsent(lead, 'opted_in', context('2026-03-02T12:30:00.000Z'))?.lead.consent,
    ).toMatchObject({
      whatsapp: 'opted_in',
    });
  });
});
