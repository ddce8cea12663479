import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/ids';
import type { LeadRepository } from '../../ports/lead-repository';
import type { ReceiptStore } from '../../ports/receipts';
import { retryOnStaleLead, reviseLead } from './lead-revision';

/**
 * Marks the lead's number as one WhatsApp cannot deliver to (131026 and kin), with a line on its
 * timeline, so the agent sees why and the app can ask for another number. Does nothing if already marked.
 */
export const markNumberUndeliverable = async (
  leadId: string,
  error: { code: number; title?: string },
  deps: { leads: LeadRepository; receipts: ReceiptStore; clock: Clock; newId: IdGenerator },
): Promise<void> => {
  const lead = await deps.leads.get(leadId);
  if (!lead) return;
  await retryOnStaleLead(lead, deps.leads, async (current) => {
    if (current.phoneStatus === 'invalid') return;
    const now = deps.clock.now();
    await deps.receipts.commit({
      lead: { previous: current, next: { ...reviseLead(current, now), phoneStatus: 'invalid' } },
      interactions: [
        {
          interactionId: deps.newId(),
          leadId,
          type: 'system',
          direction: 'internal',
          text: `WhatsApp cannot deliver to this number (${error.code}${error.title ? `: ${error.title}` : ''})`,
          occurredAt: now.toISOString(),
          createdBy: 'system',
          metadata: { channel: 'whatsapp', error: { code: error.code, title: error.title } },
        },
      ],
    });
  });
};
