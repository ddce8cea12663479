import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { LeadRepository } from '../../ports/lead-repository';
import type { MessageRef } from '../../ports/message-refs';
import type { ReceiptStore } from '../../ports/receipts';
import { NotFoundError, StaleVersionError } from '../errors';
import { latestOf, retryOnStaleLead, reviseLead } from './lead-revision';

/**
 * Records a message that went out: the timeline entry, its refs and the lead's last interaction in one
 * transaction. A lead that stays busy does not lose the message: it is then kept without the lead's change.
 */
export const recordOutbound = async (
  lead: Lead,
  message: Interaction,
  refs: MessageRef[],
  deps: { leads: LeadRepository; receipts: Pick<ReceiptStore, 'commit'> },
): Promise<void> => {
  const at = new Date(message.occurredAt);
  try {
    const written = await retryOnStaleLead(lead, deps.leads, (current) =>
      deps.receipts.commit({
        lead: {
          previous: current,
          next: { ...reviseLead(current, at), lastInteractionAt: latestOf(current.lastInteractionAt, at) },
        },
        interactions: [message],
        refs,
      }),
    );
    if (written === undefined) throw new NotFoundError('Lead');
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    await deps.receipts.commit({ interactions: [message], refs });
  }
};
