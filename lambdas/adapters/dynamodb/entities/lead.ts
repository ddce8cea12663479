import { Entity, type EntityItem } from 'electrodb';
import { leadSources, leadStatuses, temperatures } from '../../../../schemas/api/leads';

const scorePadding = { length: 3, char: '0' } as const;

/**
 * A lead. Indexes: by id (and its timeline shares the partition); an agent's leads newest first,
 * by score, by temperature then score; a brokerage's leads newest first and by score; an agent's changes by time.
 */
export const leadEntity = new Entity({
  model: { entity: 'lead', version: '1', service: 'crm' },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    agentId: { type: 'string', required: true },
    brokerageId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    phone: { type: 'string' },
    email: { type: 'string' },
    source: { type: leadSources, required: true },
    status: { type: leadStatuses, required: true },
    temperature: { type: temperatures, required: true },
    temperatureSetBy: { type: ['score', 'agent'] as const, required: true },
    score: { type: 'number', required: true, padding: scorePadding },
    confidence: { type: 'number' },
    scoredAt: { type: 'string' },
    scoreProvider: { type: ['bedrock', 'heuristic'] as const },
    tags: { type: 'list', items: { type: 'string' }, required: true },
    initialMessage: { type: 'string' },
    propertyInterest: { type: 'any' },
    profile: { type: 'any' },
    engagement: { type: 'any', required: true },
    lastInteractionAt: { type: 'string' },
    lastInboundAt: { type: 'string' },
    waId: { type: 'string' },
    phoneStatus: { type: ['ok', 'invalid'] as const },
    consent: { type: 'any' },
    outcome: { type: 'any' },
    version: { type: 'number', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
    /** Set while an erase is under way, so a half-erased lead is already gone to readers. */
    erasing: { type: 'boolean' },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['leadId'] },
      sk: { field: 'sk', composite: [] },
    },
    byAgentNewest: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['agentId'] },
      sk: { field: 'gsi1sk', composite: ['createdAt', 'leadId'] },
    },
    byAgentScore: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['agentId'] },
      sk: { field: 'gsi2sk', composite: ['score', 'leadId'] },
    },
    byAgentTemperature: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['agentId', 'temperature'] },
      sk: { field: 'gsi3sk', composite: ['score', 'leadId'] },
    },
    byBrokerageNewest: {
      index: 'gsi4',
      pk: { field: 'gsi4pk', composite: ['brokerageId'] },
      sk: { field: 'gsi4sk', composite: ['createdAt', 'leadId'] },
    },
    byBrokerageScore: {
      index: 'gsi6',
      pk: { field: 'gsi6pk', composite: ['brokerageId'] },
      sk: { field: 'gsi6sk', composite: ['score', 'leadId'] },
    },
    byAgentChanges: {
      index: 'gsi5',
      pk: { field: 'gsi5pk', composite: ['agentId'] },
      sk: { field: 'gsi5sk', composite: ['updatedAt', 'leadId'] },
    },
  },
});

export type LeadItem = EntityItem<typeof leadEntity>;
