import { Entity, type EntityItem } from 'electrodb';

/** A phone of an agent's that gets push notifications: its token and the push endpoint made for it. */
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
  },
});

export type DeviceItem = EntityItem<typeof deviceEntity>;
