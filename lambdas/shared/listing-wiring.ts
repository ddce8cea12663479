import { createListingRepository } from '../adapters/dynamodb/listing-repository';
import type { ListingDeps } from '../domain/listings/deps';
import type { SendListingDeps } from '../domain/listings/send-listing';
import { systemClock } from '../ports/clock';
import { emailSender, unsubscribeLinks } from './email-wiring';
import { createIdGenerator } from './ids';
import { sendWhatsAppDeps } from './messaging-wiring';
import { crmService } from './wiring';

let cache: ListingDeps | undefined;

/** The listing use cases' collaborators: the table only. */
export const listingDeps = (): ListingDeps => {
  cache ??= {
    listings: createListingRepository(crmService()),
    clock: systemClock,
    newId: createIdGenerator(),
  };
  return cache;
};

/** A listing send: the agent's WhatsApp send, the listings, and the brokerage's email when it has one. */
export const sendListingDeps = (): SendListingDeps => {
  const sender = emailSender();
  return {
    ...sendWhatsAppDeps(),
    listings: listingDeps().listings,
    ...(sender && { email: { sender, links: unsubscribeLinks() } }),
  };
};
