import type { RoutingCursor } from '../../ports/routing-cursor';
import type { CrmService } from './service';

/** The round-robin position as one counter item per brokerage, advanced with an atomic ADD. */
export const createRoutingCursor = (service: CrmService): RoutingCursor => {
  const { routingCursor } = service.entities;
  return {
    async next(brokerageId) {
      const { data } = await routingCursor
        .update({ brokerageId })
        .add({ position: 1 })
        .go({ response: 'all_new' });
      if (data.position === undefined) throw new Error('The routing cursor did not return its position');
      return data.position;
    },
  };
};
