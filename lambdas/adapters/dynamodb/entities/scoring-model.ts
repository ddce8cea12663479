import { Entity, type EntityItem } from 'electrodb';

/** What a brokerage (scope `brokerage`) or one agent (scope = agent id) has learned from outcomes. */
export const scoringModelEntity = new Entity({
  model: { entity: 'scoringModel', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    scope: { type: 'string', required: true, readOnly: true },
    model: { type: 'any', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byScope: {
      pk: { field: 'pk', composite: ['brokerageId', 'scope'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type ScoringModelItem = EntityItem<typeof scoringModelEntity>;
