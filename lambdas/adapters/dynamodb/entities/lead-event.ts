import { Entity, type EntityItem } from 'electrodb';

/**
 * Something that happened to a lead that other parts react to (the lead replied, opted out, converted).
 * Lives in the lead's partition; the follow-up engine reads a lead's events since a time.
 */
export const leadEventEntity = new Entity({
  model: { entity: 'leadEvent', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    type: {
      type: ['lead.replied', 'lead.opted_out', 'lead.opted_in', 'lead.outcome_recorded'] as const,
      required: true,
      readOnly: true,
    },
    channel: { type: 'string' },
    occurredAt: { type: 'string', required: true, readOnly: true },
    data: { type: 'any' },
  },
  indexes: {
    byLead: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: ['eventId'] },
    },
  },
});

export type LeadEventItem = EntityItem<typeof leadEventEntity>;
