import type { WhatsAppMessageEvent } from '../../../schemas/events/whatsapp';
import type { ConsentState } from './change-whatsapp-consent';
import { detectOptOut } from './detect-opt-out';

/** The consent an inbound message gives or withdraws, if any. Only what the person typed or tapped counts; a photo caption does not. */
export const consentAsked = (event: WhatsAppMessageEvent): ConsentState | undefined => {
  if (event.text === undefined || !['text', 'button', 'interactive'].includes(event.type)) return undefined;
  const signal = detectOptOut(event.text);
  if (signal === 'opt_out') return 'opted_out';
  if (signal === 'opt_in') return 'opted_in';
  return undefined;
};
