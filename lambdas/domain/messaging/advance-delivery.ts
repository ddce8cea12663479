import type { Interaction } from '../../../schemas/api/timeline';
import type { MessageRef } from '../../ports/message-refs';
import type { PendingStatus } from '../../ports/pending-statuses';
import { StaleVersionError } from '../errors';
import { canAdvanceStatus, type DeliveryStatus } from './delivery-status';
import type { IntakeDeps } from './deps';
import { markNumberUndeliverable } from './mark-number-undeliverable';
import { InvalidRecipientError, messagingErrorFromMeta } from './messaging-errors';

/** One delivery status of one of our messages, as Meta reported it (live or kept until the send landed). */
export interface DeliveryReport {
  status: DeliveryStatus;
  /** When it happened, never in the future. */
  at: Date;
  error?: { code: number; title: string; message?: string; details?: string };
}

type Deps = Pick<IntakeDeps, 'refs' | 'leads' | 'receipts' | 'clock' | 'newId' | 'pendingStatuses'>;

const MAX_STATUS_ATTEMPTS = 5;

/** Moves the message's delivery status forward only; resolves the status it ends with. */
const advanceDelivery = async (
  ref: MessageRef,
  report: DeliveryReport,
  deps: Pick<Deps, 'refs'>,
): Promise<{
  result: 'updated' | 'unchanged' | 'unknown_message';
  status?: Interaction['deliveryStatus'];
}> => {
  for (let attempt = 1; attempt <= MAX_STATUS_ATTEMPTS; attempt++) {
    const message = await deps.refs.interactionOf(ref);
    if (!message) return { result: 'unknown_message' };
    if (!canAdvanceStatus(message.deliveryStatus, report.status)) {
      return { result: 'unchanged', status: message.deliveryStatus };
    }
    const previous = message.metadata ?? {};
    const times = (previous.statusTimes ?? {}) as Record<string, string>;
    const metadata = {
      ...previous,
      statusTimes: { ...times, [report.status]: report.at.toISOString() },
      ...(report.status === 'failed' && report.error && { error: report.error }),
    };
    // Compare-and-set: a concurrent delivery that moved the status first sends us round again.
    if (
      await deps.refs.changeDelivery(ref, message.deliveryStatus, { deliveryStatus: report.status, metadata })
    ) {
      return { result: 'updated', status: report.status };
    }
  }
  throw new StaleVersionError();
};

/** True for a failure that says the number cannot get WhatsApp messages (131026 and kin). */
export const isUndeliverableNumber = (error: { code: number } | undefined) =>
  error !== undefined && messagingErrorFromMeta(error) instanceof InvalidRecipientError;

/**
 * Applies a status to our message, forward only; a failure for an undeliverable number marks the lead's
 * number. Checked on the stored state, not on this update alone, so a retry after a failure in between
 * completes it.
 */
export const settleDelivery = async (ref: MessageRef, report: DeliveryReport, deps: Deps) => {
  const outcome = await advanceDelivery(ref, report, deps);
  if (outcome.status === 'failed' && report.status === 'failed' && isUndeliverableNumber(report.error)) {
    await markNumberUndeliverable(ref.leadId, report.error as { code: number; title: string }, deps);
  }
  return outcome;
};

const reportOf = ({ status, at, error }: PendingStatus): DeliveryReport => ({
  status,
  at: new Date(at),
  ...(error && { error }),
});

/**
 * Applies the statuses Meta reported before this message's send was recorded, in the order a message
 * moves (so only the furthest one sticks), then forgets them. A status kept while this runs is applied
 * by the status delivery itself, which looks for the send again right after keeping it.
 */
export const applyPendingStatuses = async (ref: MessageRef, deps: Deps): Promise<number> => {
  const pending = await deps.pendingStatuses.listFor(ref.externalId);
  if (pending.length === 0) return 0;
  const ordered = [...pending].sort((a, b) =>
    canAdvanceStatus(a.status, b.status) ? -1 : canAdvanceStatus(b.status, a.status) ? 1 : 0,
  );
  for (const status of ordered) await settleDelivery(ref, reportOf(status), deps);
  await deps.pendingStatuses.remove(
    ref.externalId,
    pending.map(({ status }) => status),
  );
  return pending.length;
};
