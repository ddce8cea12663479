import type { LeadSource } from '../../../schemas/api/leads';

interface SourceQuality {
  value: number;
  reason: string;
}

/** How strong each way in is, as agents rank them: a referral beats a portal beats a Facebook comment. */
export const SOURCE_QUALITY: Readonly<Record<LeadSource, SourceQuality>> = Object.freeze({
  referral: { value: 0.95, reason: 'Referred by someone they know, the strongest source' },
  walk_in: { value: 0.85, reason: 'Walked into the office in person' },
  phone_call: { value: 0.8, reason: 'Phoned in directly' },
  direct: { value: 0.75, reason: 'Contacted you directly' },
  whatsapp: { value: 0.7, reason: 'Messaged you on WhatsApp directly' },
  portal: { value: 0.6, reason: 'Inquired through a property portal' },
  website: { value: 0.55, reason: 'Inquired through your website' },
  facebook_lead_ad: { value: 0.45, reason: 'Filled in a Facebook lead form, a light commitment' },
  other: { value: 0.4, reason: 'Came from another source' },
  facebook_comment: { value: 0.25, reason: 'Came from a Facebook comment, weaker than a direct inquiry' },
});
