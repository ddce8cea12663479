import type { Interaction } from '../../../schemas/api/timeline';
import type { InteractionRepository } from '../../ports/interaction-repository';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

/** A lead's timeline, stored in the lead's partition and read newest first. */
export const createInteractionRepository = (service: CrmService): InteractionRepository => {
  const { interaction } = service.entities;
  return {
    async add(item) {
      await interaction.create(item).go();
    },
    async listTimeline(leadId, { limit, cursor }) {
      const page = await withCursor(cursor, () =>
        interaction.query.byLead({ leadId }).go({ order: 'desc', limit, count: limit, cursor }),
      );
      return { items: page.data as Interaction[], nextCursor: page.cursor };
    },
  };
};
