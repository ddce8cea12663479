import { Entity, type EntityItem } from 'electrodb';

/**
 * How far the local stream poller has read a table's stream, per shard, kept in DynamoDB Local so a
 * restart of `npm start` neither misses a record nor hands one to the function again.
 */
export const streamCheckpointEntity = new Entity({
  model: { entity: 'localStreamCheckpoint', version: '1', service: 'local' },
  attributes: {
    consumer: { type: 'string', required: true, readOnly: true },
    streamArn: { type: 'string', required: true },
    /** Shard id → the sequence number of the last record handled (or passed over) in it. */
    shards: { type: 'any', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byConsumer: {
      pk: { field: 'pk', composite: ['consumer'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type StreamCheckpointItem = EntityItem<typeof streamCheckpointEntity>;
