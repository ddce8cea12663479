import { Entity, type EntityItem } from 'electrodb';

/**
 * A Lead Ads form Meta would not let us read yet (an expired page token, a missing permission), kept by its
 * ids only until a retry reads it. One partition per brokerage: listing them is a Query.
 */
export const parkedLeadgenEntity = new Entity({
  model: { entity: 'parkedLeadgen', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    leadgenId: { type: 'string', required: true, readOnly: true },
    pageId: { type: 'string', required: true, readOnly: true },
    formId: { type: 'string', required: true, readOnly: true },
    adId: { type: 'string', readOnly: true },
    adgroupId: { type: 'string', readOnly: true },
    createdTime: { type: 'string', required: true, readOnly: true },
    code: { type: 'number' },
    reason: { type: 'string', required: true },
    attempts: { type: 'number', required: true },
    parkedAt: { type: 'string', required: true, readOnly: true },
    lastAttemptAt: { type: 'string', required: true },
  },
  indexes: {
    byBrokerage: {
      pk: { field: 'pk', composite: ['brokerageId'] },
      sk: { field: 'sk', composite: ['leadgenId'] },
    },
  },
});

export type ParkedLeadgenItem = EntityItem<typeof parkedLeadgenEntity>;
