import type { WhatsAppStatusEvent } from '../../../schemas/events/whatsapp';
import {
  applyPendingStatuses,
  type DeliveryReport,
  isUndeliverableNumber,
  settleDelivery,
} from './advance-delivery';
import type { IntakeDeps } from './deps';
import { notAfter } from './lead-revision';
import type { WhatsAppOutcome } from './receive-whatsapp';
import { webhookReceipt } from './webhook-receipt';

/** Meta can report a status before our own write of the send lands; a few days covers any retry of it. */
export const PENDING_STATUS_TTL_SECONDS = 3 * 24 * 60 * 60;

const reportOf = (event: WhatsAppStatusEvent, now: Date): DeliveryReport => {
  const error = event.errors?.find(isUndeliverableNumber) ?? event.errors?.[0];
  return {
    status: event.status,
    // Meta's time, but an impossible or future one reads as now: the status itself still counts.
    at: notAfter(event.timestamp, now),
    ...(error && { error }),
  };
};

/**
 * A delivery status of one of our WhatsApp messages.
 * Flow: skip a repeat → find our message by wamid → move its status forward only (compare-and-set;
 * an undeliverable number marks the lead) → apply any statuses kept for it earlier.
 * When the send is not recorded yet, the status is kept (by wamid hash, a few days) and applied when the
 * send lands; it is looked for again right after keeping it, so a send landing meanwhile is not missed.
 */
export const receiveStatus = async (
  event: WhatsAppStatusEvent,
  deps: IntakeDeps,
): Promise<WhatsAppOutcome> => {
  const kind = 'status';
  const key = `${event.wamid}:${event.status}`;
  if (await deps.receipts.has('wa-status', key)) return { kind, result: 'duplicate' };
  const report = reportOf(event, deps.clock.now());

  let ref = await deps.refs.find(event.wamid);
  if (!ref) {
    await deps.pendingStatuses.keep(
      {
        wamid: event.wamid,
        status: report.status,
        at: report.at.toISOString(),
        ...(report.error && {
          error: {
            code: report.error.code,
            title: report.error.title,
            ...(report.error.message !== undefined && { message: report.error.message }),
          },
        }),
      },
      PENDING_STATUS_TTL_SECONDS,
    );
    ref = await deps.refs.find(event.wamid);
    // No receipt: a repeat of this status is harmless, and kept statuses are applied forward only.
    if (!ref) return { kind, result: 'pending' };
  }

  const { result } = await settleDelivery(ref, report, deps);
  if (result === 'unknown_message') return { kind, result, leadId: ref.leadId };
  await applyPendingStatuses(ref, deps);
  await deps.receipts.claim(webhookReceipt('wa-status', key));
  return { kind, result, leadId: ref.leadId };
};
