import type { AgentProfile, UpdateProfileBody } from '../../../schemas/api/agents';
import type { Actor } from '../actor';
import { StaleVersionError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { ensureProfile } from './ensure-profile';

/**
 * Changes the agent's own time zone, quiet hours, working hours, name or automatic follow-up of new leads.
 * Flow: load (or create) → check the version the app read → write guarded by that version.
 */
export const updateProfile = async (
  actor: Actor,
  { version, ...changes }: UpdateProfileBody,
  ifMatch: number | undefined,
  deps: Pick<LeadDeps, 'agents' | 'clock' | 'profileDefaults'>,
): Promise<AgentProfile> => {
  const current = await ensureProfile(actor, deps);
  const expected = ifMatch ?? version ?? current.version;
  if (expected !== current.version) throw new StaleVersionError(current.version);
  const next: AgentProfile = {
    ...current,
    ...changes,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.agents.update(current, next);
  return next;
};
