import type { LeadgenLead } from '../../../schemas/events/facebook';
import type { LeadAdsPort } from '../../ports/messaging';
import type { LeadgenFetchFailure } from '../../ports/parked-leadgens';
import { MessagingRejectedError } from './messaging-errors';
import { PageAccessTokenMissingError } from './send-refusals';

const REASON_MAX = 200;

/**
 * Reads a lead form's answers from Meta. A refusal that the same request will meet again until someone acts
 * (an expired or missing token, a permission, a form we may not read) is returned as a failure to park;
 * anything transient (timeouts, throttling, Meta's own errors) is thrown, to be retried as it is.
 */
export const fetchLeadForm = async (
  leadgenId: string,
  { leadAds }: { leadAds: LeadAdsPort },
): Promise<{ form: LeadgenLead } | { failure: LeadgenFetchFailure }> => {
  try {
    return { form: await leadAds.fetchLeadgenLead(leadgenId) };
  } catch (error) {
    if (error instanceof MessagingRejectedError) {
      // Meta's error text names the token's expiry or the missing permission, never the person.
      return { failure: { code: error.code, reason: error.title.slice(0, REASON_MAX) } };
    }
    if (error instanceof PageAccessTokenMissingError) {
      return { failure: { reason: "No pageAccessToken in the stack's Meta secret" } };
    }
    throw error;
  }
};
