import type { FacebookLeadgenEvent } from '../../../schemas/events/facebook';
import type { FacebookIntakeDeps } from './deps';
import { fetchLeadForm } from './fetch-lead-form';
import { parkLeadgen } from './park-leadgen';
import type { FacebookOutcome } from './receive-facebook';
import { recordLeadgen } from './record-leadgen';

/**
 * A lead-form webhook, which carries only ids. Main flow:
 * skip a form already recorded → read its answers from Meta → record the lead (see recordLeadgen).
 * When Meta refuses the read for a reason only a person can fix (an expired page token: code 190, a missing
 * permission), the form is parked by its ids instead of being lost, and the delivery still succeeds.
 */
export const receiveLeadgen = async (
  event: FacebookLeadgenEvent,
  deps: FacebookIntakeDeps,
): Promise<FacebookOutcome> => {
  const kind = 'leadgen';
  if (await deps.receipts.has('fb-leadgen', event.leadgenId)) return { kind, result: 'duplicate' };

  const fetched = await fetchLeadForm(event.leadgenId, deps);
  if ('failure' in fetched) {
    await parkLeadgen(event, fetched.failure, deps);
    return {
      kind,
      result: 'parked',
      reason: fetched.failure.code === undefined ? 'not_configured' : `meta_${fetched.failure.code}`,
    };
  }
  return recordLeadgen(event, fetched.form, deps);
};
