import { Entity, type EntityItem } from 'electrodb';

/** One score of a lead with its factors, kept so "why did it change" is answerable; newest first by id. */
export const scoreSnapshotEntity = new Entity({
  model: { entity: 'scoreSnapshot', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    snapshotId: { type: 'string', required: true, readOnly: true },
    trigger: { type: 'string', required: true, readOnly: true },
    score: { type: 'any', required: true, readOnly: true },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['snapshotId'] },
    },
  },
});

export type ScoreSnapshotItem = EntityItem<typeof scoreSnapshotEntity>;
