import { Entity, type EntityItem } from 'electrodb';
import { listingStatuses } from '../../../../schemas/api/listings';

/** A brokerage's property for sale or rent, sent to leads in one tap; listed per brokerage, newest first. */
export const listingEntity = new Entity({
  model: { entity: 'listing', version: '1', service: 'crm' },
  attributes: {
    listingId: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    createdBy: { type: 'string', required: true, readOnly: true },
    title: { type: 'string', required: true },
    price: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    beds: { type: 'number' },
    area: { type: 'any' },
    address: { type: 'string' },
    photoUrls: { type: 'list', items: { type: 'string' }, required: true },
    brochureUrl: { type: 'string' },
    status: { type: listingStatuses, required: true },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['listingId'] },
      sk: { field: 'sk', composite: [] },
    },
    byBrokerageNewest: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['brokerageId'] },
      sk: { field: 'gsi1sk', composite: ['createdAt', 'listingId'] },
    },
  },
});

export type ListingItem = EntityItem<typeof listingEntity>;
