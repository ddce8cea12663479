import { Entity, type EntityItem } from 'electrodb';

/**
 * A one-time schedule of the local EventBridge Scheduler stand-in, kept in DynamoDB Local so it
 * survives a restart. Deleted once it fired (ActionAfterCompletion: DELETE) or when cancelled.
 */
export const localScheduleEntity = new Entity({
  model: { entity: 'localSchedule', version: '1', service: 'local' },
  attributes: {
    groupName: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true, readOnly: true },
    /** The instant the `at()` expression means in its time zone, UTC ISO-8601. */
    at: { type: 'string', required: true, readOnly: true },
    expression: { type: 'string', required: true, readOnly: true },
    timeZone: { type: 'string', required: true, readOnly: true },
    targetArn: { type: 'string', required: true, readOnly: true },
    /** The target's `Input` as sent. */
    input: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byGroup: {
      pk: { field: 'pk', composite: ['groupName'] },
      sk: { field: 'sk', composite: ['name'] },
    },
  },
});

export type LocalScheduleItem = EntityItem<typeof localScheduleEntity>;
