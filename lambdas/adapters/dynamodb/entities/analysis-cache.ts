import { Entity, type EntityItem } from 'electrodb';

/** A content analysis by message hash, so rescoring the same text never calls the model again. */
export const analysisCacheEntity = new Entity({
  model: { entity: 'analysisCache', version: '1', service: 'crm' },
  attributes: {
    hash: { type: 'string', required: true, readOnly: true },
    analysis: { type: 'any', required: true },
    createdAt: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byHash: {
      pk: { field: 'pk', composite: ['hash'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type AnalysisCacheItem = EntityItem<typeof analysisCacheEntity>;
