import { Entity, type EntityItem } from 'electrodb';

/**
 * What one step of a follow-up run became, beside the run in its partition: one item per step, so
 * the send, a delivery status and a reply each update their own item without overwriting the others.
 * Holds ids and outcomes only, never the words sent.
 */
export const followUpStepResultEntity = new Entity({
  model: { entity: 'followUpStepResult', version: '1', service: 'crm' },
  attributes: {
    enrollmentId: { type: 'string', required: true, readOnly: true },
    stepIndex: { type: 'number', required: true, readOnly: true, padding: { length: 3, char: '0' } },
    status: {
      type: ['sent', 'task_created', 'delivered', 'read', 'replied', 'skipped', 'failed'] as const,
      required: true,
    },
    channel: { type: ['whatsapp', 'email', 'call'] as const, required: true, readOnly: true },
    ranAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
    reason: { type: 'string' },
    condition: { type: 'string' },
    interactionId: { type: 'string' },
    externalId: { type: 'string' },
    taskId: { type: 'string' },
    via: { type: ['text', 'template'] as const },
    draftSource: { type: ['model', 'template'] as const },
  },
  indexes: {
    byEnrollment: {
      pk: { field: 'pk', composite: ['enrollmentId'] },
      sk: { field: 'sk', composite: ['stepIndex'] },
    },
  },
});

export type FollowUpStepResultItem = EntityItem<typeof followUpStepResultEntity>;
