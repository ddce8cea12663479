import { Entity, type EntityItem } from 'electrodb';

/**
 * Something for the agent to do about a lead: a call a follow-up step asks for, or their own
 * reminder. Lives in the lead's partition, so erasing the lead takes it; found by id through gsi1
 * and listed by due time per agent and status through gsi2.
 */
export const taskEntity = new Entity({
  model: { entity: 'task', version: '1', service: 'crm' },
  attributes: {
    taskId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', required: true, readOnly: true },
    agentId: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['call', 'reminder'] as const, required: true, readOnly: true },
    title: { type: 'string', required: true },
    note: { type: 'string' },
    dueAt: { type: 'string', required: true },
    status: { type: ['open', 'done'] as const, required: true },
    result: { type: ['answered', 'not_answered', 'voicemail', 'busy', 'wrong_number'] as const },
    completedAt: { type: 'string' },
    followUp: {
      type: 'map',
      readOnly: true,
      properties: {
        enrollmentId: { type: 'string', required: true },
        stepIndex: { type: 'number', required: true },
      },
    },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['taskId'] },
    },
    byId: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['taskId'] },
      sk: { field: 'gsi1sk', composite: [] },
    },
    /** An agent's open (or done) tasks, soonest due first. */
    byAgentDue: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['agentId', 'status'] },
      sk: { field: 'gsi2sk', composite: ['dueAt', 'taskId'] },
    },
  },
});

export type TaskItem = EntityItem<typeof taskEntity>;
