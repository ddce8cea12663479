import type { Lead } from '../../../schemas/api/leads';
import type { ScoreTrigger } from '../../../schemas/api/scores';
import type { IntakeDeps } from './deps';
import { backoff } from './lead-revision';

/**
 * Rescores a lead after an inbound message landed, unless a later message of the same burst has landed
 * since (its reply count moved past the one this message wrote): that message's own rescore, which
 * always runs after its write, reads ours too. So a burst from one number costs one or two rescores
 * instead of one per message, each racing the next message's write.
 */
export const rescoreAfterInbound = async (
  written: Lead,
  trigger: ScoreTrigger,
  deps: Pick<IntakeDeps, 'leads' | 'scorer'>,
  { contended = false }: { contended?: boolean } = {},
): Promise<void> => {
  // Our write had to wait for others: a burst is landing, so let its later messages land before deciding.
  if (contended) await backoff(4, { baseMs: 50, maxMs: 600 });
  const current = await deps.leads.get(written.leadId);
  if (current === undefined) return;
  if (current.engagement.replies > written.engagement.replies) return;
  await deps.scorer.rescore(written.leadId, trigger, { fast: true });
};
