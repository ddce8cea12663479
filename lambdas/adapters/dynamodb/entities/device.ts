import { Entity, type EntityItem } from 'electrodb';

/**
 * A phone of an agent's that gets push notifications: its token and the push endpoint made for it.
 * Kept in the agent's partition; found by device id across agents through gsi1, so a phone signed in
 * by another agent can be taken from the one who had it.
 */
export const deviceEntity = new Entity({
  model: { entity: 'device', version: '1', service: 'crm' },
  attributes: {
    agentId: { type: 'string', required: true, readOnly: true },
    deviceId: { type: 'string', required: true, readOnly: true },
    platform: { type: ['ios', 'android'] as const, required: true },
    token: { type: 'string', required: true },
    /** The SNS platform endpoint; absent where push goes to the local outbox. */
    endpointArn: { type: 'string' },
    registeredAt: { type: 'string', required: true },
  },
  indexes: {
    byAgent: {
      pk: { field: 'pk', composite: ['agentId'] },
      sk: { field: 'sk', composite: ['deviceId'] },
    },
    /** Every agent's record of one phone; records saved before devices had this key template are not in it. */
    byDevice: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['deviceId'] },
      sk: { field: 'gsi1sk', composite: ['agentId'] },
    },
  },
});

export type DeviceItem = EntityItem<typeof deviceEntity>;
