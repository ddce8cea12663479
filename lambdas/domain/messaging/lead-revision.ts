import type { Lead } from '../../../schemas/api/leads';
import type { LeadRepository } from '../../ports/lead-repository';
import { StaleVersionError } from '../errors';
import { LeadGoneError } from '../leads/lead-errors';

/** The lead's next version, stamped now; every change written with a version guard starts here. */
export const reviseLead = (lead: Lead, now: Date): Lead => ({
  ...lead,
  version: lead.version + 1,
  updatedAt: now.toISOString(),
});

/** The later of a stored ISO time and `at`: webhooks arrive out of order, and times never move back. */
export const latestOf = (stored: string | undefined, at: Date): string =>
  stored !== undefined && stored > at.toISOString() ? stored : at.toISOString();

/** A channel's time for an event, but never in the future: Meta's clock and ours may disagree a little. */
export const notAfter = (at: Date | undefined, now: Date): Date =>
  at === undefined || Number.isNaN(at.getTime()) || at > now ? now : at;

const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 10;
const MAX_DELAY_MS = 500;

/**
 * Waits before another attempt at a contended write: exponential with full jitter, so writers that just
 * collided (a burst of messages from one number, their rescores) spread out instead of colliding again.
 */
export const backoff = (
  attempt: number,
  { baseMs = BASE_DELAY_MS, maxMs = MAX_DELAY_MS }: { baseMs?: number; maxMs?: number } = {},
): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(maxMs, baseMs * 2 ** attempt)));

/**
 * Runs a version-guarded change of a lead; when someone else changed the lead first (a rescore, the
 * agent, another message of the same burst), waits a jittered moment, reads it again and reruns the
 * change on the fresh lead. Undefined when the lead is gone.
 */
export const retryOnStaleLead = async <T>(
  lead: Lead,
  leads: Pick<LeadRepository, 'get'>,
  change: (current: Lead) => Promise<T>,
): Promise<T | undefined> => {
  let current = lead;
  for (let attempt = 1; ; attempt++) {
    try {
      return await change(current);
    } catch (error) {
      // Erased (or being erased) since it was read: nothing to change, and nothing to retry.
      if (error instanceof LeadGoneError) return undefined;
      if (!(error instanceof StaleVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      await backoff(attempt);
      const fresh = await leads.get(current.leadId);
      if (!fresh) return undefined;
      current = fresh;
    }
  }
};
