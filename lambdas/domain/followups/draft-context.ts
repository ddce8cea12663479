import type { Channel } from '../../../schemas/api/sequences';

/** What a follow-up draft may be written from, and what it is checked against before it goes out. */
export interface DraftContext {
  channel: Channel;
  /** The lead's full name; the draft addresses them by the first word of it. */
  leadName: string;
  agentName: string;
  /** What the lead is looking for, in a few words ("3-bed townhouse in Riverside"). */
  interest?: string;
  propertyTitle?: string;
  /** The listing's public page: the only link a draft may carry. */
  listingUrl?: string;
  /** The lead's own messages, oldest first: they pick the language and are never obeyed or echoed. */
  leadMessages: string[];
}

interface PropertyInterestLike {
  summary?: string;
  bedrooms?: number;
  propertyType?: string;
  area?: string;
}

/** The lead's interest in a few words: their own summary, else bedrooms, type and area when known. */
export const interestOf = (interest: PropertyInterestLike | undefined): string | undefined => {
  if (!interest) return undefined;
  if (interest.summary) return interest.summary;
  const what = [
    interest.bedrooms === undefined ? undefined : `${interest.bedrooms}-bed`,
    interest.propertyType,
  ]
    .filter(Boolean)
    .join(' ');
  const described = [what || undefined, interest.area ? `in ${interest.area}` : undefined]
    .filter(Boolean)
    .join(' ');
  return described || undefined;
};

/** The lead's first name, as a draft greets them. */
export const firstNameOf = (leadName: string): string => leadName.trim().split(/\s+/)[0] ?? '';
