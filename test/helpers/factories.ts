import * as z from 'zod';
import type { Actor } from '../../lambdas/domain/actor';
import { fixedClock } from '../../lambdas/ports/clock';
import { createIdGenerator } from '../../lambdas/shared/ids';
import { type AgentProfile, agentProfileSchema, agentRoleSchema } from '../../schemas/api/agents';
import { type Lead, leadSchema } from '../../schemas/api/leads';
import { type Interaction, interactionSchema } from '../../schemas/api/timeline';

/** The instant every fixture is stamped with unless a test says otherwise. */
export const FIXTURE_NOW = '2026-03-02T14:00:00.000Z';

/** The agent and brokerage that fixtures belong to by default. */
export const DEFAULT_AGENT_ID = 'agent-dana-lee';
export const DEFAULT_BROKERAGE_ID = 'brokerage-riverside';

const nextId = createIdGenerator(fixedClock(FIXTURE_NOW));

const actorSchema = z.object({
  agentId: z.string().min(1),
  brokerageId: z.string().min(1),
  role: agentRoleSchema,
  email: z.email(),
  name: z.string().min(1).optional(),
}) satisfies z.ZodType<Actor>;

/** A signed-in agent as the authorizer would vouch for them. */
export const createMockActor = (overrides: Partial<Actor> = {}): Actor =>
  actorSchema.parse({
    agentId: DEFAULT_AGENT_ID,
    brokerageId: DEFAULT_BROKERAGE_ID,
    role: 'agent',
    email: 'dana.lee@example.com',
    name: 'Dana Lee',
    ...overrides,
  });

/** A stored agent profile with the brokerage's usual hours. */
export const createMockProfile = (overrides: Partial<AgentProfile> = {}): AgentProfile =>
  agentProfileSchema.parse({
    agentId: DEFAULT_AGENT_ID,
    brokerageId: DEFAULT_BROKERAGE_ID,
    email: 'dana.lee@example.com',
    name: 'Dana Lee',
    role: 'agent',
    timezone: 'America/New_York',
    defaultCountry: 'US',
    quietHours: { start: '21:00', end: '08:00' },
    workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
    version: 1,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  });

/**
 * A stored lead of the default agent. It has no phone or email unless given, so leads seeded
 * side by side never collide on a contact claim.
 */
export const createMockLead = (overrides: Partial<Lead> = {}): Lead =>
  leadSchema.parse({
    leadId: nextId(),
    agentId: DEFAULT_AGENT_ID,
    brokerageId: DEFAULT_BROKERAGE_ID,
    name: 'Sam Rivera',
    source: 'website',
    status: 'new',
    temperature: 'warm',
    temperatureSetBy: 'score',
    score: 0,
    tags: [],
    engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
    version: 1,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  });

/** A timeline entry: by default the agent's note on a lead of its own. */
export const createMockInteraction = (overrides: Partial<Interaction> = {}): Interaction =>
  interactionSchema.parse({
    interactionId: nextId(),
    leadId: nextId(),
    type: 'note',
    direction: 'internal',
    text: 'Prefers viewings after 6pm on weekdays',
    occurredAt: FIXTURE_NOW,
    createdBy: DEFAULT_AGENT_ID,
    ...overrides,
  });
