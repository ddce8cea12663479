import type { LeadEvent, LeadEventLog } from '../../ports/lead-events';
import type { CrmService } from './service';

/** A lead's events in its own partition, ordered by their time-sortable ids. */
export const createLeadEventLog = (service: CrmService): LeadEventLog => {
  const { leadEvent } = service.entities;
  return {
    async record(event) {
      await leadEvent.create(event).go();
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
