import type { Interaction } from '../../schemas/api/timeline';

/**
 * Points an external id at our records: a wamid at the outbound interaction it created (for status
 * updates), or a key such as `fb-user:<id>` at the lead it belongs to (then `interactionId` is the lead's
 * first interaction from that channel, or the lead id while there is none).
 */
export interface MessageRef {
  externalId: string;
  leadId: string;
  interactionId: string;
  createdAt: string;
}

export interface DeliveryChange {
  deliveryStatus: NonNullable<Interaction['deliveryStatus']>;
  metadata?: Record<string, unknown>;
}

/** Messages and leads found by a channel's id; delivery status moved with compare-and-set. */
export interface MessageRefRepository {
  find(externalId: string): Promise<MessageRef | undefined>;
  /** Stores the ref unless one exists; resolves whichever is stored. */
  createIfAbsent(ref: MessageRef): Promise<MessageRef>;
  /** Drops a ref that no longer says where its id belongs (a number the lead no longer has). */
  remove(externalId: string): Promise<void>;
  /** The interaction a ref points to, if it (still) exists. */
  interactionOf(ref: MessageRef): Promise<Interaction | undefined>;
  /**
   * Sets the interaction's delivery status (and metadata) only if its status is still `expected`
   * (undefined: none yet). False when it changed meanwhile or the interaction is gone.
   */
  changeDelivery(
    ref: MessageRef,
    expected: Interaction['deliveryStatus'],
    change: DeliveryChange,
  ): Promise<boolean>;
}
