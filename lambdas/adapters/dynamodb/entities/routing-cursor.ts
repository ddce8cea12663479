import { Entity, type EntityItem } from 'electrodb';

/** The brokerage's round-robin position for assigning new inbound leads; advanced atomically. */
export const routingCursorEntity = new Entity({
  model: { entity: 'routingCursor', version: '1', service: 'crm' },
  attributes: {
    brokerageId: { type: 'string', required: true, readOnly: true },
    position: { type: 'number', required: true },
  },
  indexes: {
    byBrokerage: {
      pk: { field: 'pk', composite: ['brokerageId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type RoutingCursorItem = EntityItem<typeof routingCursorEntity>;
