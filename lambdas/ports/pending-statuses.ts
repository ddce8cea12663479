import type { Interaction } from '../../schemas/api/timeline';

/** A delivery status Meta reported before our send of that message was recorded. */
export interface PendingStatus {
  /** The wamid of our message; stores keep only a hash of it (a wamid encodes the recipient's number). */
  wamid: string;
  status: NonNullable<Interaction['deliveryStatus']>;
  /** When Meta says it happened (ISO), never in the future. */
  at: string;
  /** Meta's error of a failed status: code and Meta's own wording, nothing of the person. */
  error?: { code: number; title: string; message?: string };
}

/**
 * Statuses held for a while until their message's send is recorded: Meta may report `sent` before our
 * own write of the send has landed. Expire on their own after `ttlSeconds`.
 */
export interface PendingStatusStore {
  keep(status: PendingStatus, ttlSeconds: number): Promise<void>;
  /** The statuses held for a message, unexpired. */
  listFor(wamid: string): Promise<PendingStatus[]>;
  /** Forgets statuses once applied. */
  remove(wamid: string, statuses: PendingStatus['status'][]): Promise<void>;
}
