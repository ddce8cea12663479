import type { Interaction } from '../../../schemas/api/timeline';
import { LeadGoneError } from '../../domain/leads/lead-errors';
import type { InteractionRepository } from '../../ports/interaction-repository';
import { checkLeadAlive } from './lead-guard';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

/** A lead's timeline, stored in the lead's partition and read newest first. */
export const createInteractionRepository = (service: CrmService): InteractionRepository => {
  const { interaction } = service.entities;
  return {
    async add(item) {
      // With a check on the lead, so a note added while the lead is being erased is refused, not orphaned.
      const result = await service.transaction
        .write(({ lead, interaction: i }) => [checkLeadAlive(lead, item.leadId), i.create(item).commit()])
        .go();
      if (!result.canceled) return;
      if (result.data[0]?.code === 'ConditionalCheckFailed') throw new LeadGoneError(item.leadId);
      throw new Error(`Interaction ${item.interactionId} could not be added`);
    },
    async listTimeline(leadId, { limit, cursor }) {
      const page = await withCursor(cursor, () =>
        interaction.query.byLead({ leadId }).go({ order: 'desc', limit, count: limit, cursor }),
      );
      return { items: page.data as Interaction[], nextCursor: page.cursor };
    },
  };
};
