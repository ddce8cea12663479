import { Entity, type EntityItem } from 'electrodb';
import { counterNames } from '../../../domain/analytics/counter-names';

const counters = Object.fromEntries(
  counterNames.map((name) => [name, { type: 'number' as const }]),
) as Record<string, { type: 'number' }>;

/**
 * One day of analytics counters for an agent (`scope` is the agent's id) or a whole brokerage
 * (`brokerage#<id>`), one number attribute per counter, added to as things happen by the activity
 * stream consumer. A date range is one Query on the scope's partition.
 */
export const activityCounterEntity = new Entity({
  model: { entity: 'activityCounter', version: '1', service: 'crm' },
  attributes: {
    scope: { type: 'string', required: true, readOnly: true },
    /** A calendar day in the brokerage's zone (UTC days before it was kept so), YYYY-MM-DD. */
    day: { type: 'string', required: true, readOnly: true },
    ...counters,
  },
  indexes: {
    byScopeDay: {
      pk: { field: 'pk', composite: ['scope'] },
      sk: { field: 'sk', composite: ['day'] },
    },
  },
});

export type ActivityCounterItem = EntityItem<typeof activityCounterEntity>;
