import { Entity, type EntityItem } from 'electrodb';

/**
 * Which idempotency record answered a request about a lead. Lives in the lead's partition, so the erase
 * finds every stored answer that names the lead and replaces it; expires with the record it points to.
 */
export const idempotencyLinkEntity = new Entity({
  model: { entity: 'idempotencyLink', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    /** The record's sort key: the function's prefix and a hash of the caller, route and Idempotency-Key. */
    recordKey: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    /** Epoch seconds; TTL removes the link with its record. */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['recordKey'] },
    },
  },
});

export type IdempotencyLinkItem = EntityItem<typeof idempotencyLinkEntity>;
