import type { Lead } from '../../../../schemas/api/leads';
import type { Interaction } from '../../../../schemas/api/timeline';
import type { ContentAnalysis } from '../../../../schemas/scoring';

export const LEAD_ID = '01JD7Q3M2Y9V1X8K4T6R5W0ZAB';
/** A Tuesday, 11:00 in New York. */
export const CREATED_AT = '2026-03-10T15:00:00.000Z';
export const AGENT_TIME_ZONE = 'America/New_York';

/** A lead as the repository returns it: fake person, no signals until a test adds them. */
export const aLead = (overrides: Partial<Lead> = {}): Lead => ({
  leadId: LEAD_ID,
  agentId: 'agent-1',
  brokerageId: 'brokerage-1',
  name: 'Dana Lee',
  phone: '+12125550142',
  email: 'dana.lee@example.com',
  source: 'website',
  status: 'new',
  temperature: 'cold',
  temperatureSetBy: 'score',
  score: 0,
  tags: [],
  engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
  version: 1,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
  ...overrides,
});

let sequence = 0;

/** A timeline item `minutes` after the lead was created. */
export const anInteraction = (
  minutes: number,
  fields: Pick<Interaction, 'type' | 'direction'> & Partial<Interaction>,
): Interaction => {
  sequence++;
  return {
    interactionId: `01JD7Q3M2Y9V1X8K4T${String(sequence).padStart(8, '0')}`,
    leadId: LEAD_ID,
    occurredAt: new Date(Date.parse(CREATED_AT) + minutes * 60_000).toISOString(),
    ...fields,
  };
};

/** The instant `minutes` after the lead was created. */
export const at = (minutes: number): Date => new Date(Date.parse(CREATED_AT) + minutes * 60_000);

/** An analysis that found nothing, to vary one field at a time. */
export const anAnalysis = (overrides: Partial<ContentAnalysis> = {}): ContentAnalysis => ({
  urgency: 0.35,
  timeframe: 'unspecified',
  intents: [],
  financing: 'unknown',
  seriousness: 0.3,
  authority: 0.5,
  language: 'en',
  provider: 'heuristic',
  confidence: 0.5,
  ...overrides,
});
