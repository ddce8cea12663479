import { describe, expect, it } from 'vitest';
import { sharedContentOf } from '../../../../lambdas/domain/messaging/shared-content';
import type { WhatsAppMessageEvent } from '../../../../schemas/events/whatsapp';

const message = (overrides: Partial<WhatsAppMessageEvent>): WhatsAppMessageEvent => ({
  kind: 'message',
  phoneNumberId: '100000000000201',
  waId: '12125550142',
  wamid: 'wamid.SHARED',
  timestamp: new Date('2026-03-02T14:00:00.000Z'),
  type: 'contacts',
  ...overrides,
});

describe('sharedContentOf', () => {
  it('lists several shared contacts on one line, each with what it holds', () => {
    const text = sharedContentOf(
      message({
        sharedContacts: [
          { name: 'Alex Kim', phones: [{ phone: '+1 212 555 0178' }], emails: [] },
          { phones: [], emails: [{ email: 'jo.park@example.com' }], company: 'Park Realty' },
          { phones: [], emails: [] },
        ],
      }),
    );

    expect(text).toBe(
      'Shared contacts: Alex Kim, +1 212 555 0178; Park Realty, jo.park@example.com; no details shared',
    );
  });

  it('reads a location with its place, coordinates and link, or the coordinates alone', () => {
    expect(
      sharedContentOf(
        message({
          type: 'location',
          location: {
            latitude: 40.7128,
            longitude: -74.006,
            name: 'Riverside Park',
            address: '100 River Rd',
            url: 'https://maps.example.com/p/1',
          },
        }),
      ),
    ).toBe('Location: Riverside Park, 100 River Rd (40.712800, -74.006000) https://maps.example.com/p/1');
    expect(sharedContentOf(message({ type: 'location', location: { latitude: 40.5, longitude: -74 } }))).toBe(
      'Location: 40.500000, -74.000000',
    );
  });

  it('gives nothing for a message that shares nothing, an empty card list included', () => {
    expect(sharedContentOf(message({ type: 'text', text: 'Hi' }))).toBeUndefined();
    expect(sharedContentOf(message({ sharedContacts: [] }))).toBeUndefined();
  });
});
