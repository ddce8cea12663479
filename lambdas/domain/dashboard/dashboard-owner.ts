import type { DashboardQuery } from '../../../schemas/api/dashboard';
import type { Actor } from '../actor';
import { NotFoundError, ValidationError } from '../errors';
import type { DashboardDeps } from './deps';

/** Whose dashboard: one agent (their zone says when "today" is), or an admin's whole team (the admin's zone). */
export type DashboardOwner =
  | { scope: 'agent'; agentId: string; timeZone: string }
  | { scope: 'team'; brokerageId: string; agentIds: string[]; timeZone: string };

/**
 * An agent sees their own; a brokerage admin may name one of their agents or ask for the team.
 * Another agent's id from anyone else is a 404, as is an agent of another brokerage.
 */
export const dashboardOwner = async (
  actor: Actor,
  { agentId, scope }: Pick<DashboardQuery, 'agentId' | 'scope'>,
  deps: Pick<DashboardDeps, 'agents' | 'profileDefaults'>,
): Promise<DashboardOwner> => {
  const isAdmin = actor.role === 'admin';
  if (scope === 'team') {
    if (!isAdmin) throw new NotFoundError('Team');
    if (agentId !== undefined) {
      throw new ValidationError([{ field: 'agentId', message: 'is not allowed with scope=team' }]);
    }
    const [own, agents] = await Promise.all([
      deps.agents.get(actor.agentId),
      deps.agents.listForBrokerage(actor.brokerageId),
    ]);
    return {
      scope: 'team',
      brokerageId: actor.brokerageId,
      agentIds: agents.map((agent) => agent.agentId),
      timeZone: own?.timezone ?? deps.profileDefaults.timezone,
    };
  }
  if (!isAdmin && agentId !== undefined && agentId !== actor.agentId) throw new NotFoundError('Agent');
  const owner = agentId ?? actor.agentId;
  const profile = await deps.agents.get(owner);
  if (profile && profile.brokerageId !== actor.brokerageId) throw new NotFoundError('Agent');
  // An admin naming an id with no profile gets an empty dashboard, not a hint about other brokerages.
  return { scope: 'agent', agentId: owner, timeZone: profile?.timezone ?? deps.profileDefaults.timezone };
};
