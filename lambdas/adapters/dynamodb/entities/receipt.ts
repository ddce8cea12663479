import { Entity, type EntityItem } from 'electrodb';

/**
 * Proof that a delivery (a webhook message, a status, a scheduled step) was processed, so a retry
 * of the same delivery changes nothing. Expires through the table's TTL.
 */
export const receiptEntity = new Entity({
  model: { entity: 'receipt', version: '1', service: 'crm' },
  attributes: {
    scope: { type: 'string', required: true, readOnly: true },
    key: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** Epoch seconds; DynamoDB's TTL removes the receipt after this. */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byKey: {
      pk: { field: 'pk', composite: ['scope', 'key'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type ReceiptItem = EntityItem<typeof receiptEntity>;
