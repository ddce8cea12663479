import type { AgentProfile } from '../../../schemas/api/agents';
import type { Actor } from '../actor';
import type { LeadDeps } from '../leads/deps';

/**
 * The signed-in agent's profile, created on first use from the token's claims and brokerage defaults.
 * Flow: read → (absent) build defaults → create unless a concurrent request already did.
 */
export const ensureProfile = async (
  actor: Actor,
  { agents, clock, profileDefaults }: Pick<LeadDeps, 'agents' | 'clock' | 'profileDefaults'>,
): Promise<AgentProfile> => {
  const existing = await agents.get(actor.agentId);
  if (existing) return existing;
  const now = clock.now().toISOString();
  return agents.createIfAbsent({
    agentId: actor.agentId,
    brokerageId: actor.brokerageId,
    email: actor.email,
    name: actor.name ?? actor.email,
    role: actor.role,
    status: 'active',
    timezone: profileDefaults.timezone,
    defaultCountry: profileDefaults.defaultCountry,
    quietHours: { start: '21:00', end: '08:00' },
    workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
    autoFollowUp: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
};
