import { Entity, type EntityItem } from 'electrodb';
import { interactionTypes } from '../../../../schemas/api/timeline';

/** A touchpoint on a lead's timeline; lives in the lead's partition, ordered by its time-sortable id. */
export const interactionEntity = new Entity({
  model: { entity: 'interaction', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    interactionId: { type: 'string', required: true, readOnly: true },
    type: { type: interactionTypes, required: true },
    direction: { type: ['inbound', 'outbound', 'internal'] as const, required: true },
    text: { type: 'string' },
    occurredAt: { type: 'string', required: true },
    createdBy: { type: 'string' },
    externalId: { type: 'string' },
    deliveryStatus: { type: ['accepted', 'sent', 'delivered', 'read', 'failed'] as const },
    metadata: { type: 'any' },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['interactionId'] },
    },
  },
});

export type InteractionItem = EntityItem<typeof interactionEntity>;
