import { Entity, type EntityItem } from 'electrodb';

/**
 * An agent's own follow-up sequence, the current version only: a change replaces it guarded by
 * `version`, and an enrolment copies the steps it runs, so no running follow-up reads this again.
 * Lives in the agent's partition, so listing them is one query.
 */
export const sequenceEntity = new Entity({
  model: { entity: 'sequence', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    sequenceId: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    description: { type: 'string' },
    temperature: { type: ['hot', 'warm', 'cold', 'custom'] as const, required: true },
    steps: { type: 'any', required: true },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byAgent: {
      pk: { field: 'pk', composite: ['agentId'] },
      sk: { field: 'sk', composite: ['sequenceId'] },
    },
  },
});

export type SequenceItem = EntityItem<typeof sequenceEntity>;
