import { LeadGoneError } from '../../domain/leads/lead-errors';
import type { LeadEvent, LeadEventLog } from '../../ports/lead-events';
import { checkLeadAlive } from './lead-guard';
import type { CrmService } from './service';

/** A lead's events in its own partition, ordered by their time-sortable ids. */
export const createLeadEventLog = (service: CrmService): LeadEventLog => {
  const { leadEvent } = service.entities;
  return {
    async record(event) {
      // Only while the lead is alive: an event recorded behind an erase would outlive the lead.
      const result = await service.transaction
        .write(({ lead, leadEvent: e }) => [checkLeadAlive(lead, event.leadId), e.create(event).commit()])
        .go();
      if (!result.canceled) return;
      if (result.data[0]?.code === 'ConditionalCheckFailed') throw new LeadGoneError(event.leadId);
      throw new Error(`Event ${event.eventId} could not be recorded`);
    },
    async since(leadId, afterIso) {
      const { data } = await leadEvent.query
        .byLead({ leadId })
        .where((attr, { gt }) => gt(attr.occurredAt, afterIso))
        .go({ pages: 'all' });
      return (data as LeadEvent[]).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    },
  };
};
