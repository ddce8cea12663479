import { Entity, type EntityItem } from 'electrodb';

/**
 * An agent's change feed for offline sync: entries at dense positions 1, 2, 3… in their own
 * partition, each naming what changed (ids only, never a lead's words or contact details), and a
 * head holding the last position given. A position and its entry are written in one transaction
 * conditioned on the head, so a reader that sees position N has every position below it too.
 */
export const changeFeedEntryEntity = new Entity({
  model: { entity: 'changeFeedEntry', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    position: { type: 'number', required: true, readOnly: true, padding: { length: 12, char: '0' } },
    kind: { type: ['lead', 'task', 'interaction', 'listing'] as const, required: true, readOnly: true },
    entityId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', readOnly: true },
    op: { type: ['upsert', 'delete'] as const, required: true, readOnly: true },
    changedAt: { type: 'string', required: true, readOnly: true },
    /** Epoch seconds; a feed is kept 90 days (an older cursor is told to load everything again). */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byAgentPosition: {
      pk: { field: 'pk', composite: ['agentId'] },
      sk: { field: 'sk', composite: ['position'] },
    },
  },
});

export const changeFeedHeadEntity = new Entity({
  model: { entity: 'changeFeedHead', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    position: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byAgent: {
      pk: { field: 'pk', composite: ['agentId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type ChangeFeedEntryItem = EntityItem<typeof changeFeedEntryEntity>;
