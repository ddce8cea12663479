import { Entity, type EntityItem } from 'electrodb';

/**
 * A claim on a phone or email by one agent's lead: the primary key makes it unique per agent,
 * and the brokerage index answers "which lead is this number" for inbound messages.
 */
export const leadContactEntity = new Entity({
  model: { entity: 'leadContact', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['phone', 'email'] as const, required: true, readOnly: true },
    value: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byAgentContact: {
      pk: { field: 'pk', composite: ['agentId', 'kind', 'value'] },
      sk: { field: 'sk', composite: [] },
    },
    byBrokerageContact: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['brokerageId', 'kind', 'value'] },
      sk: { field: 'gsi1sk', composite: ['agentId'] },
    },
  },
});

export type LeadContactItem = EntityItem<typeof leadContactEntity>;
