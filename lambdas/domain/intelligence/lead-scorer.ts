import type { LeadScorer } from '../../ports/lead-scorer';
import { LeadGoneError } from '../leads/lead-errors';
import type { IntelligenceDeps } from './deps';
import { rescoreLead } from './rescore-lead';

/**
 * The scorer other use cases call after something happened to a lead. A scoring failure is reported
 * and swallowed here on purpose: the message, note or status change that triggered it already stands.
 */
export const createLeadScorer = (deps: () => IntelligenceDeps): LeadScorer => ({
  async rescore(leadId, trigger, options) {
    const resolved = deps();
    try {
      const lead = await resolved.leads.get(leadId);
      if (!lead) return undefined;
      return await rescoreLead(lead, trigger, resolved, options);
    } catch (error) {
      // Erased while it was being scored: there is nothing left to score, and nothing went wrong.
      if (error instanceof LeadGoneError) return undefined;
      resolved.onScoringError?.(error, leadId);
      return undefined;
    }
  },
});
