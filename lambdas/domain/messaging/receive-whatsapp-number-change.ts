import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { WhatsAppMessageEvent } from '../../../schemas/events/whatsapp';
import { DuplicateLeadError } from '../leads/lead-errors';
import type { IntakeDeps } from './deps';
import { leadsWithWhatsApp, mostRecentlyActive } from './lead-intake';
import { notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import type { WhatsAppOutcome } from './receive-whatsapp';
import { webhookReceipt } from './webhook-receipt';
import { whatsAppIntakeKey, whatsAppNumber } from './whatsapp-number';

const numberChanges = new Set(['user_changed_number', 'customer_changed_number']);

/** True for a `system` message that tells us the person's new WhatsApp number. */
export const isNumberChange = (event: WhatsAppMessageEvent) =>
  event.system !== undefined && numberChanges.has(event.system.type);

/**
 * Moves the lead to the new number the way an agent's edit does: phone and waId change together and the
 * phone claim moves with them (the lead repository swaps it in one transaction). When the agent already
 * has another lead with the new number, that lead keeps it and this one keeps its own.
 */
const moveLead = async (
  lead: Lead,
  to: { waId: string; phone?: string },
  deps: Pick<IntakeDeps, 'leads' | 'clock'>,
): Promise<'moved' | 'taken' | 'gone'> => {
  try {
    const moved = await retryOnStaleLead(lead, deps.leads, async (current) => {
      if (current.waId === to.waId && current.phone === to.phone) return true;
      await deps.leads.update(current, {
        ...reviseLead(current, deps.clock.now()),
        phone: to.phone,
        waId: to.waId,
        // A number marked undeliverable says nothing about the new one.
        phoneStatus: undefined,
      });
      return true;
    });
    return moved ? 'moved' : 'gone';
  } catch (error) {
    if (error instanceof DuplicateLeadError) return 'taken';
    throw error;
  }
};

/**
 * A `system` message: the person changed their WhatsApp number. It is not the lead writing, so it counts
 * no reply, opens no 24-hour window and signals no `lead.replied`.
 * Flow: skip a repeat → find the leads with the old number (or, when Meta retries after a failure part-way,
 * the ones already moved) → move each to the new number → record a system line on each under its own
 * receipt → point the new number's intake key at the lead, drop the old one's → take the message's receipt.
 */
export const receiveNumberChange = async (
  event: WhatsAppMessageEvent,
  deps: IntakeDeps,
): Promise<WhatsAppOutcome> => {
  const kind = 'message';
  if (await deps.receipts.has('wa-message', event.wamid)) return { kind, result: 'duplicate' };
  const newWaId = event.system?.newWaId;
  if (event.waId === undefined || newWaId === undefined) return { kind, result: 'no_phone' };

  const from = whatsAppNumber(event.waId);
  const to = whatsAppNumber(newWaId);
  const alreadyMoved = (await leadsWithWhatsApp(to, deps)).filter((lead) => lead.waId === newWaId);
  const found = [...(await leadsWithWhatsApp(from, deps)), ...alreadyMoved];
  const leads = [...new Map(found.map((lead) => [lead.leadId, lead])).values()];
  const primary = mostRecentlyActive(leads);
  if (!primary) return { kind, result: 'unknown_sender' };

  const now = deps.clock.now();
  const at = notAfter(event.timestamp, now);
  const newPhone = to.phone ?? `+${newWaId}`;
  for (const lead of leads) {
    const moved = await moveLead(
      lead,
      { waId: newWaId, ...(to.phone !== undefined && { phone: to.phone }) },
      deps,
    );
    if (moved === 'gone') continue;
    const line: Interaction = {
      interactionId: deps.newId(),
      leadId: lead.leadId,
      type: 'system',
      direction: 'internal',
      text:
        moved === 'moved'
          ? `Changed WhatsApp number to ${newPhone}`
          : `Changed WhatsApp number to ${newPhone}, which another of your leads already has`,
      occurredAt: at.toISOString(),
      createdBy: 'system',
      externalId: event.wamid,
      metadata: {
        channel: 'whatsapp',
        messageType: 'system',
        systemType: event.system?.type,
        previousWaId: event.waId,
        newWaId,
        moved: moved === 'moved',
      },
    };
    await deps.receipts.commit({
      receipt: webhookReceipt('wa-message', `${event.wamid}:${lead.leadId}`),
      interactions: [line],
      ...(lead.leadId === primary.leadId && {
        // The new number's next message finds this lead even before its phone claim is read.
        refs: [
          {
            externalId: whatsAppIntakeKey(to),
            leadId: lead.leadId,
            interactionId: lead.leadId,
            createdAt: now.toISOString(),
          },
        ],
      }),
    });
  }
  // The old number may be given to someone else: its next message must start a lead of its own.
  const oldKey = whatsAppIntakeKey(from);
  const oldRef = await deps.refs.find(oldKey);
  if (oldRef && leads.some((lead) => lead.leadId === oldRef.leadId)) await deps.refs.remove(oldKey);
  await deps.receipts.claim(webhookReceipt('wa-message', event.wamid));
  return { kind, result: 'recorded', leadId: primary.leadId };
};
