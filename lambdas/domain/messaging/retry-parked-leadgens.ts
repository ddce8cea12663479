import type { ParkedLeadRetry } from '../../../schemas/api/parked-leads';
import type { FacebookLeadgenEvent } from '../../../schemas/events/facebook';
import type { ParkedLead } from '../../ports/parked-leadgens';
import { UnavailableError } from '../errors';
import type { FacebookIntakeDeps } from './deps';
import { fetchLeadForm } from './fetch-lead-form';
import type { FacebookOutcome } from './receive-facebook';
import { recordLeadgen } from './record-leadgen';
import { settleEvent } from './settle-event';

/** Meta's code for an access token that expired or was revoked: every other form would fail the same way. */
const TOKEN_INVALID = 190;

type Outcome = ParkedLeadRetry['outcomes'][number];

const eventOf = (parked: ParkedLead): FacebookLeadgenEvent => ({
  kind: 'leadgen',
  pageId: parked.pageId,
  leadgenId: parked.leadgenId,
  formId: parked.formId,
  ...(parked.adId !== undefined && { adId: parked.adId }),
  ...(parked.adgroupId !== undefined && { adgroupId: parked.adgroupId }),
  createdAt: new Date(parked.createdTime),
});

/** Tries one parked form: recorded and removed, or still parked with the attempt counted. */
const retryOne = async (parked: ParkedLead, deps: FacebookIntakeDeps): Promise<Outcome> => {
  const { leadgenId } = parked;
  const at = deps.clock.now().toISOString();
  // Recorded meanwhile (Meta delivered it again once the token worked): only the parked item is left.
  if (await deps.receipts.has('fb-leadgen', leadgenId)) {
    await deps.parked.remove(deps.brokerageId, leadgenId);
    return { leadgenId, result: 'recorded' };
  }
  const fetched = await fetchLeadForm(leadgenId, deps);
  if ('failure' in fetched) {
    await deps.parked.recordAttempt(deps.brokerageId, leadgenId, { ...fetched.failure, at });
    return {
      leadgenId,
      result: 'still_parked',
      ...(fetched.failure.code !== undefined && { code: fetched.failure.code }),
    };
  }
  const outcome: FacebookOutcome = await settleEvent<FacebookOutcome['kind'], FacebookOutcome>(
    'leadgen',
    () => recordLeadgen(eventOf(parked), fetched.form, deps),
  );
  if (outcome.result === 'recorded' || outcome.result === 'duplicate') {
    await deps.parked.remove(deps.brokerageId, leadgenId);
    return { leadgenId, result: 'recorded', ...(outcome.leadId !== undefined && { leadId: outcome.leadId }) };
  }
  // Read, but not a lead we can make (e.g. the lead it belongs to is being erased): kept for a person to see.
  await deps.parked.recordAttempt(deps.brokerageId, leadgenId, {
    reason: `not recorded: ${outcome.result}`,
    at,
  });
  return { leadgenId, result: 'still_parked' };
};

/**
 * Retries the brokerage's parked lead forms, oldest first, exactly as a live delivery records them.
 * Main flow: list → for each: read from Meta → record the lead → remove it from the parked list.
 * A round stops early when Meta says the token is invalid or is unavailable: the rest would fail alike,
 * and are left untouched for the next round.
 */
export const retryParkedLeadgens = async (deps: FacebookIntakeDeps): Promise<ParkedLeadRetry> => {
  const outcomes: Outcome[] = [];
  let stopped = false;
  for (const parked of await deps.parked.list(deps.brokerageId)) {
    if (stopped) {
      outcomes.push({ leadgenId: parked.leadgenId, result: 'not_tried' });
      continue;
    }
    try {
      const outcome = await retryOne(parked, deps);
      outcomes.push(outcome);
      stopped = outcome.code === TOKEN_INVALID;
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      outcomes.push({ leadgenId: parked.leadgenId, result: 'not_tried' });
      stopped = true;
    }
  }
  const count = (result: Outcome['result']) => outcomes.filter((o) => o.result === result).length;
  return {
    tried: outcomes.length - count('not_tried'),
    recorded: count('recorded'),
    stillParked: outcomes.length - count('recorded'),
    outcomes,
  };
};
