import { Entity, type EntityItem } from 'electrodb';

/** An agent's profile: time zone, quiet hours and working hours drive follow-up timing. */
export const agentEntity = new Entity({
  model: { entity: 'agent', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    email: { type: 'string', required: true },
    name: { type: 'string', required: true },
    role: { type: ['agent', 'admin'] as const, required: true },
    /** Absent on profiles written before it existed: read as active. */
    status: { type: ['active', 'disabled'] as const },
    timezone: { type: 'string', required: true },
    defaultCountry: { type: 'string', required: true },
    quietHours: { type: 'any', required: true },
    workingHours: { type: 'any', required: true },
    /** Absent on profiles written before it existed: read as on. */
    autoFollowUp: { type: 'boolean' },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['agentId'] },
      sk: { field: 'sk', composite: [] },
    },
    byBrokerage: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['brokerageId'] },
      sk: { field: 'gsi1sk', composite: ['agentId'] },
    },
  },
});

export type AgentItem = EntityItem<typeof agentEntity>;
