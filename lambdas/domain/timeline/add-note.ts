import type { Interaction } from '../../../schemas/api/timeline';
import type { Actor } from '../actor';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';

/** Adds the agent's note to a lead's timeline. */
export const addNote = async (
  actor: Actor,
  leadId: string,
  text: string,
  deps: Pick<LeadDeps, 'leads' | 'interactions' | 'clock' | 'newId'>,
): Promise<Interaction> => {
  await loadLeadFor(actor, leadId, deps);
  const note: Interaction = {
    interactionId: deps.newId(),
    leadId,
    type: 'note',
    direction: 'internal',
    text,
    occurredAt: deps.clock.now().toISOString(),
    createdBy: actor.agentId,
  };
  await deps.interactions.add(note);
  return note;
};
