import type { Interaction } from '../../../schemas/api/timeline';

export type DeliveryStatus = NonNullable<Interaction['deliveryStatus']>;

/**
 * One line of progress per message. Meta reports sent, delivered and read in that order but delivers the
 * webhooks at least once and out of order, and a `failed` may arrive after `sent` (undeliverable) or race a
 * `delivered` from another of the person's devices. So `failed` sits between sent and delivered:
 * it replaces accepted/sent, but proof of receipt (delivered, read) outranks it and is never replaced by it.
 */
const rank: Record<DeliveryStatus, number> = { accepted: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

/**
 * True when `next` moves the message forward and should be stored; false for a duplicate or an update
 * that arrives late (read never becomes delivered; a read message never becomes failed).
 */
export const canAdvanceStatus = (current: DeliveryStatus | undefined, next: DeliveryStatus): boolean =>
  current === undefined || rank[next] > rank[current];
