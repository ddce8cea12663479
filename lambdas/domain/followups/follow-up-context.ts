import type { AgentProfile } from '../../../schemas/api/agents';
import { leadTimeZone, type ZoneSource } from './lead-time-zone';

/** What timing a lead's follow-ups needs: where the lead is, and the agent's hours. */
export interface FollowUpTiming {
  leadTimeZone: string;
  leadTimeZoneSource: ZoneSource;
  quietHours: AgentProfile['quietHours'];
  agentTimeZone: string;
  workingHours: AgentProfile['workingHours'];
  /** The lead's last message to us, for the first-answer exception. */
  lastInboundAt?: Date;
}

/** The timing rules for one lead: the agent's quiet hours read in the lead's zone, calls in the agent's hours. */
export const followUpTimingFor = (
  lead: { timezone?: string; phone?: string; lastInboundAt?: string },
  agent: Pick<AgentProfile, 'timezone' | 'quietHours' | 'workingHours'>,
): FollowUpTiming => {
  const zone = leadTimeZone(lead, agent);
  return {
    leadTimeZone: zone.timeZone,
    leadTimeZoneSource: zone.source,
    quietHours: agent.quietHours,
    agentTimeZone: agent.timezone,
    workingHours: agent.workingHours,
    ...(lead.lastInboundAt ? { lastInboundAt: new Date(lead.lastInboundAt) } : {}),
  };
};
