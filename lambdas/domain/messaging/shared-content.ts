import type {
  WhatsAppLocation,
  WhatsAppMessageEvent,
  WhatsAppSharedContact,
} from '../../../schemas/events/whatsapp';

const coordinates = ({ latitude, longitude }: WhatsAppLocation) =>
  `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;

/** "Location: Riverside Park, 100 River Rd (40.712800, -74.006000)", the way the agent reads it. */
const describeLocation = (location: WhatsAppLocation) => {
  const place = [location.name, location.address].filter(Boolean).join(', ');
  const where = place ? `${place} (${coordinates(location)})` : coordinates(location);
  return `Location: ${where}${location.url ? ` ${location.url}` : ''}`;
};

const describeContact = ({ name, phones, emails, company }: WhatsAppSharedContact) =>
  [name, company, ...phones.map((p) => p.phone), ...emails.map((e) => e.email)].filter(Boolean).join(', ') ||
  'no details shared';

/**
 * The timeline text of a message whose point is what it shares rather than words: a location (often the
 * property in question) or contact cards (a partner, a co-buyer). Undefined for any other message.
 */
export const sharedContentOf = (event: WhatsAppMessageEvent): string | undefined => {
  if (event.location) return describeLocation(event.location);
  if (event.sharedContacts?.length) {
    const label = event.sharedContacts.length === 1 ? 'Shared contact' : 'Shared contacts';
    return `${label}: ${event.sharedContacts.map(describeContact).join('; ')}`;
  }
  return undefined;
};
