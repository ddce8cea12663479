import { Entity, type EntityItem } from 'electrodb';

/**
 * How many worked leads (not converted, not lost, not being erased) an agent (`scope` is the agent's id)
 * or a whole brokerage (`brokerage#<id>`) holds per temperature, kept exact by the activity stream
 * consumer as leads move. `seededAt` on the brokerage's item: its leads from before the counters were
 * counted once (`npm run count-leads`), so the counts are whole.
 */
export const openLeadCountEntity = new Entity({
  model: { entity: 'openLeadCount', version: '1', service: 'crm' },
  attributes: {
    scope: { type: 'string', required: true, readOnly: true },
    brokerageId: { type: 'string' },
    hot: { type: 'number' },
    warm: { type: 'number' },
    cold: { type: 'number' },
    seededAt: { type: 'string' },
  },
  indexes: {
    byScope: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ElectroDB's key template syntax, not a JS template.
      pk: { field: 'pk', composite: ['scope'], template: 'openleads#${scope}' },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type OpenLeadCountItem = EntityItem<typeof openLeadCountEntity>;
