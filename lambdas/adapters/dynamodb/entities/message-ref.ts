import { Entity, type EntityItem } from 'electrodb';

/**
 * Points a channel id at what it belongs to: a WhatsApp wamid at its interaction (for status updates), or a
 * contact key (`wa-phone:…`, `fb-user:…`) at its lead.
 */
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
    /** Every ref of a lead, so erasing it leaves no phone number, Facebook id or message id behind. */
    byLead: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['leadId'] },
      sk: { field: 'gsi1sk', composite: ['externalId'] },
    },
  },
});

export type MessageRefItem = EntityItem<typeof messageRefEntity>;
