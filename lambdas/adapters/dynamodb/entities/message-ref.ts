import { Entity, type EntityItem } from 'electrodb';

/** Finds the outbound interaction a channel message id (a WhatsApp wamid) belongs to, for status updates. */
export const messageRefEntity = new Entity({
  model: { entity: 'messageRef', version: '1', service: 'crm' },
  attributes: {
    externalId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', required: true, readOnly: true },
    interactionId: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byExternalId: {
      pk: { field: 'pk', composite: ['externalId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type MessageRefItem = EntityItem<typeof messageRefEntity>;
