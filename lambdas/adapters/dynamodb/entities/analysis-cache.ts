import { Entity, type EntityItem } from 'electrodb';

/**
 * A content analysis of a lead's words by their hash, so rescoring the same text never calls the model
 * again. It lives in the lead's partition: what the model read out of the words (an area, a property type)
 * goes with the lead when it is erased, whichever texts were analysed over time.
 */
export const analysisCacheEntity = new Entity({
  model: { entity: 'analysisCache', version: '2', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    hash: { type: 'string', required: true, readOnly: true },
    analysis: { type: 'any', required: true },
    createdAt: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['hash'] },
    },
  },
});

export type AnalysisCacheItem = EntityItem<typeof analysisCacheEntity>;
