import type { LeadFacts } from '../../ports/activity-store';
import { type NotifyDeps, notifyAgent } from './notify-agent';

const channelNames: Record<string, string> = { whatsapp: 'WhatsApp', email: 'email' };

/** Whose replies reach the agent's phones: a hot lead's, each one. */
export const repliesArePushed = (lead: Pick<LeadFacts, 'temperature'>): boolean => lead.temperature === 'hot';

/**
 * A hot lead wrote back: the agent's phones hear it at once. The notification names the channel and
 * carries the lead's id for the app to open, never the lead's words or name. Other leads: nothing.
 */
export const notifyHotReply = async (
  lead: Pick<LeadFacts, 'leadId' | 'agentId' | 'temperature'>,
  channel: string,
  deps: NotifyDeps,
): Promise<number> => {
  if (!repliesArePushed(lead)) return 0;
  return notifyAgent(
    lead.agentId,
    {
      title: 'A hot lead replied',
      body: `Your hot lead answered on ${channelNames[channel] ?? channel}. Reply while they are there.`,
      data: { kind: 'lead.replied', leadId: lead.leadId, channel },
    },
    deps,
  );
};
