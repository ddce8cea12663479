import type { Lead } from '../../../schemas/api/leads';
import type { Listing, ListingSend, SendListingBody } from '../../../schemas/api/listings';
import type { SendWhatsAppBody } from '../../../schemas/api/messaging';
import type { Interaction } from '../../../schemas/api/timeline';
import type { ListingRepository } from '../../ports/listings';
import type { Actor } from '../actor';
import { consentFor, contactPointsOf } from '../consent/consent-for';
import { optedOutOfWhatsApp } from '../consent/opted-out-of-whatsapp';
import { NotFoundError, UnprocessableError } from '../errors';
import { followUpTemplate } from '../followups/built-in-sequences';
import { firstNameOf } from '../followups/draft-context';
import type { FollowUpEmail } from '../followups/send-follow-up-email';
import { loadLeadFor } from '../leads/load-lead';
import { chooseWhatsAppSend } from '../messaging/choose-whatsapp-send';
import { deliverWhatsApp } from '../messaging/deliver-whatsapp';
import type { SendWhatsAppDeps } from '../messaging/deps';
import { recordOutbound } from '../messaging/record-outbound';
import {
  LeadOptedOutError,
  NoWhatsAppNumberError,
  UndeliverableNumberError,
} from '../messaging/send-refusals';
import { formatMoney } from '../scoring/format-money';
import { loadListingFor } from './load-listing';

export interface SendListingDeps extends SendWhatsAppDeps {
  listings: Pick<ListingRepository, 'get'>;
  /** The brokerage's email, when it is set up. */
  email?: FollowUpEmail;
}

/** "3-bed townhouse · $450k · 3 bd · 120 sqm · 12 Oak Lane · brochure link", one line each. */
export const listingCaption = (listing: Listing, note?: string): string =>
  [
    note,
    listing.title,
    [
      formatMoney(listing.price, listing.currency),
      listing.beds !== undefined && `${listing.beds} bd`,
      listing.area && `${listing.area.value} ${listing.area.unit}`,
    ]
      .filter(Boolean)
      .join(' · '),
    listing.address,
    listing.brochureUrl && `Brochure: ${listing.brochureUrl}`,
  ]
    .filter(Boolean)
    .join('\n');

/** Why WhatsApp cannot take it, or undefined when it can; the same refusals as the agent's own send. */
const whatsAppRefusal = async (lead: Lead, deps: SendListingDeps) => {
  if (lead.phone === undefined && lead.waId === undefined) return new NoWhatsAppNumberError();
  if (lead.phoneStatus === 'invalid') return new UndeliverableNumberError();
  if (await optedOutOfWhatsApp(lead, deps)) return new LeadOptedOutError();
  return undefined;
};

const emailRefusal = async (lead: Lead, deps: SendListingDeps) => {
  if (!deps.email)
    return new UnprocessableError('Email is not set up for this brokerage', { reason: 'no_email' });
  if (!lead.email)
    return new UnprocessableError('The lead has no email address', { reason: 'no_email_address' });
  const { email } = await consentFor(lead.brokerageId, contactPointsOf(lead), deps);
  if (lead.consent?.email === 'opted_out' || email?.state === 'opted_out') {
    return new UnprocessableError('The lead unsubscribed from email', { reason: 'opted_out' });
  }
  return undefined;
};

/** Inside the 24-hour window the first photo with its caption (or the caption alone); outside, the approved template. */
const whatsAppBody = (lead: Lead, listing: Listing, note: string | undefined, now: Date) => {
  const choice = chooseWhatsAppSend({
    lastInboundAt: lead.lastInboundAt ? new Date(lead.lastInboundAt) : undefined,
    now,
    hasApprovedTemplate: true,
  });
  const caption = listingCaption(listing, note);
  const photo = listing.photoUrls[0];
  if (choice.kind !== 'text') {
    const { name, language } = followUpTemplate;
    const parameters = [firstNameOf(lead.name) || 'there', listing.title];
    return { via: 'template' as const, body: { template: { name, language, parameters } } };
  }
  const body: SendWhatsAppBody = photo
    ? { media: { kind: 'image', link: photo, caption } }
    : { text: caption };
  return { via: photo ? ('image' as const) : ('text' as const), body };
};

const sendEmail = async (
  lead: Lead & { email: string },
  listing: Listing,
  body: SendListingBody,
  actor: Actor,
  deps: SendListingDeps & { email: FollowUpEmail },
) => {
  const subject = listing.title;
  const text = `Hi ${firstNameOf(lead.name) || 'there'},\n\n${listingCaption(listing, body.note)}\n${listing.photoUrls.join('\n')}`;
  const { messageId } = await deps.email.sender.send({
    to: lead.email,
    subject,
    text,
    unsubscribeUrl: await deps.email.links.linkFor(lead.email),
    leadId: lead.leadId,
    ...(deps.email.replyTo && { replyTo: deps.email.replyTo }),
  });
  const now = deps.clock.now().toISOString();
  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'email',
    direction: 'outbound',
    text: `${subject}\n\n${text}`,
    occurredAt: now,
    createdBy: actor.agentId,
    externalId: messageId,
    metadata: { channel: 'email', subject, listingId: listing.listingId },
  };
  await recordOutbound(
    lead,
    message,
    [{ externalId: messageId, leadId: lead.leadId, interactionId: message.interactionId, createdAt: now }],
    deps,
  );
  return message;
};

/**
 * Sends one of the brokerage's listings to a lead in one tap, and answers with the timeline entry and
 * the lead as it now is. Flow: load lead (404 if not the actor's) and listing (404 if not the
 * brokerage's; 422 when sold or withdrawn) → WhatsApp when the lead can get it (consent and number
 * checked at send time, as the agent's own send does): the first photo with its caption inside the
 * 24-hour window, the approved template outside it → else email → the entry records the listing.
 */
export const sendListing = async (
  actor: Actor,
  leadId: string,
  listingId: string,
  body: SendListingBody,
  deps: SendListingDeps,
): Promise<ListingSend> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const listing = await loadListingFor(actor, listingId, deps);
  if (listing.status === 'sold' || listing.status === 'withdrawn') {
    throw new UnprocessableError(`The listing is ${listing.status}`, { reason: 'listing_unavailable' });
  }
  const noWhatsApp = body.channel === 'email' ? undefined : await whatsAppRefusal(lead, deps);
  const useWhatsApp = body.channel === 'whatsapp' || (body.channel === 'auto' && noWhatsApp === undefined);
  if (useWhatsApp && noWhatsApp) throw noWhatsApp;

  let sent: { channel: 'whatsapp' | 'email'; via: ListingSend['via']; interaction: Interaction };
  if (useWhatsApp) {
    const { via, body: message } = whatsAppBody(lead, listing, body.note, deps.clock.now());
    const to = lead.phone ?? `+${lead.waId}`;
    const interaction = await deliverWhatsApp(
      lead,
      { to, body: message, createdBy: actor.agentId, metadata: { listingId } },
      deps,
    );
    sent = { channel: 'whatsapp', via, interaction };
  } else {
    const refusal = await emailRefusal(lead, deps);
    // Auto with neither channel open: WhatsApp's reason says what the agent can fix first.
    if (refusal) throw body.channel === 'auto' && noWhatsApp ? noWhatsApp : refusal;
    const interaction = await sendEmail(lead as Lead & { email: string }, listing, body, actor, {
      ...deps,
      email: deps.email as FollowUpEmail,
    });
    sent = { channel: 'email', via: 'email', interaction };
  }
  const now = await deps.leads.get(leadId);
  if (!now) throw new NotFoundError('Lead');
  return { ...sent, lead: now };
};
