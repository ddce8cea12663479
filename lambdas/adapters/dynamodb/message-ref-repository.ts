import type { Interaction } from '../../../schemas/api/timeline';
import type { MessageRef, MessageRefRepository } from '../../ports/message-refs';
import { isConditionFailure } from './condition-failure';
import type { CrmService } from './service';

/** Refs by external id, and the delivery status of the interaction a ref points to. */
export const createMessageRefRepository = (service: CrmService): MessageRefRepository => {
  const { messageRef, interaction } = service.entities;

  const find = async (externalId: string): Promise<MessageRef | undefined> => {
    // Consistent: a status that just kept itself as pending must see a send recorded a moment before.
    const { data } = await messageRef.get({ externalId }).go({ consistent: true });
    return data ?? undefined;
  };

  return {
    find,

    async createIfAbsent(ref) {
      try {
        await messageRef.create(ref).go();
        return ref;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const stored = await find(ref.externalId);
        // Only an erase between the two calls removes it; the caller's retry then starts clean.
        if (!stored) throw new Error('A message ref vanished right after it was found taken');
        return stored;
      }
    },

    async remove(externalId) {
      await messageRef.delete({ externalId }).go();
    },

    async interactionOf({ leadId, interactionId }) {
      const { data } = await interaction.get({ leadId, interactionId }).go();
      return (data ?? undefined) as Interaction | undefined;
    },

    async changeDelivery({ leadId, interactionId }, expected, { deliveryStatus, metadata }) {
      try {
        await interaction
          .patch({ leadId, interactionId })
          .set({ deliveryStatus, ...(metadata !== undefined && { metadata }) })
          .where((attr, { eq, notExists }) =>
            expected === undefined ? notExists(attr.deliveryStatus) : eq(attr.deliveryStatus, expected),
          )
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
};
