import { Entity, type EntityItem } from 'electrodb';

/**
 * That something was counted once for a lead ("firstResponse", "messaged#whatsapp", "replied#email"),
 * so it is never counted twice. Ids only; it expires with the table's TTL after a year and a half.
 */
export const activityMarkEntity = new Entity({
  model: { entity: 'activityMark', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    mark: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byLead: {
      // A partition of its own, not the lead's: a mark holds no personal data and outlives nothing it counted.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ElectroDB's key template syntax, not a JS template.
      pk: { field: 'pk', composite: ['leadId'], template: 'activitymark#${leadId}' },
      sk: { field: 'sk', composite: ['mark'] },
    },
  },
});

export type ActivityMarkItem = EntityItem<typeof activityMarkEntity>;
