import type { ParkedLead, ParkedLeadgenStore } from '../../ports/parked-leadgens';
import { isConditionFailure } from './condition-failure';
import type { ParkedLeadgenItem } from './entities/parked-leadgen';
import type { CrmService } from './service';

const toParkedLead = ({ brokerageId: _brokerageId, ...item }: ParkedLeadgenItem): ParkedLead =>
  item as ParkedLead;

/** Parked Lead Ads forms, one item each in the brokerage's partition. */
export const createParkedLeadgenStore = (service: CrmService): ParkedLeadgenStore => {
  const { parkedLeadgen } = service.entities;
  return {
    async park(brokerageId, lead) {
      try {
        await parkedLeadgen.create({ ...lead, brokerageId }).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async list(brokerageId) {
      const { data } = await parkedLeadgen.query.byBrokerage({ brokerageId }).go({ pages: 'all' });
      return data.map(toParkedLead).sort((a, b) => a.parkedAt.localeCompare(b.parkedAt));
    },
    async recordAttempt(brokerageId, leadgenId, { code, reason, at }) {
      try {
        const update = parkedLeadgen
          .patch({ brokerageId, leadgenId })
          .add({ attempts: 1 })
          .set({ reason, lastAttemptAt: at });
        await (code === undefined ? update.remove(['code']) : update.set({ code })).go();
      } catch (error) {
        // Removed meanwhile (a concurrent retry made the lead): nothing left to count.
        if (!isConditionFailure(error)) throw error;
      }
    },
    async remove(brokerageId, leadgenId) {
      await parkedLeadgen.delete({ brokerageId, leadgenId }).go();
    },
  };
};
