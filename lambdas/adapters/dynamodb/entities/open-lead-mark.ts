import { Entity, type EntityItem } from 'electrodb';
import { temperatures } from '../../../../schemas/api/leads';

/**
 * Which open-lead count a lead is in now (its agent and temperature), so each lead is counted once
 * whoever counts it: the activity consumer as the lead changes, or the one-off recount. Every move is
 * written on condition the `revision` is still the one read. Ids only, in a partition of its own: it
 * outlives an erase long enough for the erase to take the lead out of its count, then goes with it.
 */
export const openLeadMarkEntity = new Entity({
  model: { entity: 'openLeadMark', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    agentId: { type: 'string', required: true },
    temperature: { type: temperatures, required: true },
    revision: { type: 'number', required: true },
  },
  indexes: {
    byLead: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ElectroDB's key template syntax, not a JS template.
      pk: { field: 'pk', composite: ['leadId'], template: 'openleadmark#${leadId}' },
      sk: { field: 'sk', composite: [] },
    },
  },
});

export type OpenLeadMarkItem = EntityItem<typeof openLeadMarkEntity>;
