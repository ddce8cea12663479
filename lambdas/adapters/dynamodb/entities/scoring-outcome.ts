import { Entity, type EntityItem } from 'electrodb';

/**
 * A recorded outcome as the learned models saw it (signals and factor values, never the lead's words),
 * so an admin can review and void it. One partition per brokerage, oldest first by its sortable id.
 */
export const scoringOutcomeEntity = new Entity({
  model: { entity: 'scoringOutcome', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    outcomeId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', required: true, readOnly: true },
    agentId: { type: 'string', required: true, readOnly: true },
    recordedBy: { type: 'string', required: true, readOnly: true },
    result: { type: ['converted', 'lost'] as const, required: true, readOnly: true },
    values: { type: 'any', required: true, readOnly: true },
    signals: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
    weights: { type: 'any', required: true, readOnly: true },
    probabilities: { type: 'any', required: true, readOnly: true },
    recordedAt: { type: 'string', required: true, readOnly: true },
    voidedAt: { type: 'string' },
    voidedBy: { type: 'string' },
  },
  indexes: {
    byBrokerage: {
      pk: { field: 'pk', composite: ['brokerageId'] },
      sk: { field: 'sk', composite: ['outcomeId'] },
    },
  },
});

export type ScoringOutcomeItem = EntityItem<typeof scoringOutcomeEntity>;
