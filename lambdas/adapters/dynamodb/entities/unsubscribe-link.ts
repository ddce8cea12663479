import { Entity, type EntityItem } from 'electrodb';

/**
 * The one-click unsubscribe token of an email contact point across the brokerage. Keyed by the consent
 * registry's hash of the address (the address itself is never stored, so it survives a lead's erase with
 * nothing personal in it); the token index answers the link.
 */
export const unsubscribeLinkEntity = new Entity({
  model: { entity: 'unsubscribeLink', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    /** sha256 of `email:<address>`, as the consent registry keys it. */
    contactHash: { type: 'string', required: true, readOnly: true },
    token: { type: 'string', required: true, readOnly: true },
    /** Leads that held the address when a link was made for it. */
    leadIds: { type: 'set', items: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byContact: {
      pk: { field: 'pk', composite: ['brokerageId', 'contactHash'] },
      sk: { field: 'sk', composite: [] },
    },
    byToken: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['token'] },
      sk: { field: 'gsi1sk', composite: [] },
    },
  },
});

export type UnsubscribeLinkItem = EntityItem<typeof unsubscribeLinkEntity>;
