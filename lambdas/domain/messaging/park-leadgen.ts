import type { FacebookLeadgenEvent } from '../../../schemas/events/facebook';
import type { LeadgenFetchFailure } from '../../ports/parked-leadgens';
import type { FacebookIntakeDeps } from './deps';

/**
 * Keeps a lead form Meta would not let us read, by its ids only, for a retry once the cause is fixed; the
 * first time it is parked is counted (the stack alarms on it). Parking it again changes nothing.
 */
export const parkLeadgen = async (
  event: FacebookLeadgenEvent,
  failure: LeadgenFetchFailure,
  deps: Pick<FacebookIntakeDeps, 'parked' | 'brokerageId' | 'clock' | 'metrics'>,
): Promise<boolean> => {
  const now = deps.clock.now().toISOString();
  const parked = await deps.parked.park(deps.brokerageId, {
    leadgenId: event.leadgenId,
    pageId: event.pageId,
    formId: event.formId,
    ...(event.adId !== undefined && { adId: event.adId }),
    ...(event.adgroupId !== undefined && { adgroupId: event.adgroupId }),
    createdTime: event.createdAt.toISOString(),
    ...(failure.code !== undefined && { code: failure.code }),
    reason: failure.reason,
    attempts: 1,
    parkedAt: now,
    lastAttemptAt: now,
  });
  if (parked) deps.metrics.count('LeadgenParked');
  return parked;
};
