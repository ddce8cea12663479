import { Entity, type EntityItem } from 'electrodb';

/**
 * A delivery status that arrived before its message's send was recorded, by a hash of the wamid (a wamid
 * encodes the recipient's number, so it is never stored here). Expires through the table's TTL.
 */
export const pendingStatusEntity = new Entity({
  model: { entity: 'pendingStatus', version: '1', service: 'crm' },
  attributes: {
    wamidHash: { type: 'string', required: true, readOnly: true },
    status: {
      type: ['accepted', 'sent', 'delivered', 'read', 'failed'] as const,
      required: true,
      readOnly: true,
    },
    at: { type: 'string', required: true },
    error: { type: 'any' },
    /** Epoch seconds; DynamoDB's TTL removes the item after this. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byWamid: {
      pk: { field: 'pk', composite: ['wamidHash'] },
      sk: { field: 'sk', composite: ['status'] },
    },
  },
});

export type PendingStatusItem = EntityItem<typeof pendingStatusEntity>;
