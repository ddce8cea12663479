import type { StoredSequence } from '../../lambdas/ports/sequence-repository';
import type { SequenceStepInput } from '../../schemas/api/sequences';
import { DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, FIXTURE_NOW } from './factories';

/** A stored sequence for tests; the steps are a two-step WhatsApp then call follow-up. */
export const createMockSequence = (overrides: Partial<StoredSequence> = {}): StoredSequence => ({
  sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB',
  builtIn: false,
  agentId: DEFAULT_AGENT_ID,
  brokerageId: DEFAULT_BROKERAGE_ID,
  name: 'Open-house invitees',
  temperature: 'custom',
  steps: [
    {
      channel: 'whatsapp',
      delay: { minutes: 60, after: 'enrolment' },
      conditions: ['no_response'],
      message: { template: 'Hi {firstName}, thanks for coming to the open house. Any questions?' },
    },
    {
      channel: 'call',
      delay: { minutes: 1440, after: 'previous_step' },
      conditions: ['no_response'],
      message: { template: 'Call {firstName} about the open house.' },
    },
  ],
  version: 1,
  createdAt: FIXTURE_NOW,
  updatedAt: FIXTURE_NOW,
  ...overrides,
});

/** A valid body for POST /sequences: WhatsApp at 2 h, a call the next day if it was delivered. */
export const sequenceBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Open-house invitees',
  description: 'After the Saturday open house',
  temperature: 'custom',
  steps: [
    {
      channel: 'whatsapp',
      delay: { minutes: 120 },
      conditions: ['no_response'],
      message: { template: 'Hi {firstName}, thanks for visiting {propertyTitle}. Shall we talk offers?' },
    },
    {
      channel: 'call',
      delay: { minutes: 1440 },
      conditions: ['whatsapp_delivered', 'no_response'],
      message: { aiDraft: true },
    },
  ] satisfies SequenceStepInput[],
  ...overrides,
});
