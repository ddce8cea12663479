import type { AgentProfile } from '../../../schemas/api/agents';
import { StaleVersionError } from '../../domain/errors';
import type { AgentRepository } from '../../ports/agent-repository';
import { isConditionFailure } from './condition-failure';
import type { CrmService } from './service';

type StoredProfile = Omit<AgentProfile, 'autoFollowUp' | 'status'> &
  Partial<Pick<AgentProfile, 'autoFollowUp' | 'status'>>;

/** A stored profile as the domain reads it: one written before a setting existed has its default. */
const profileOf = (item: StoredProfile): AgentProfile => ({
  ...item,
  autoFollowUp: item.autoFollowUp ?? true,
  status: item.status ?? 'active',
});

/** Agent profiles, one item each, listed per brokerage for lead routing. */
export const createAgentRepository = (service: CrmService): AgentRepository => {
  const { agent } = service.entities;
  return {
    async get(agentId) {
      const { data } = await agent.get({ agentId }).go();
      return data ? profileOf(data as AgentProfile) : undefined;
    },
    async createIfAbsent(profile) {
      try {
        await agent.create(profile).go();
        return profile;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { data } = await agent.get({ agentId: profile.agentId }).go();
        return profileOf(data as AgentProfile);
      }
    },
    async update(previous, next) {
      try {
        await agent
          .put(next)
          .where((attr, { eq }) => eq(attr.version, previous.version))
          .go();
      } catch (error) {
        if (isConditionFailure(error)) throw new StaleVersionError();
        throw error;
      }
    },
    async listForBrokerage(brokerageId) {
      const { data } = await agent.query.byBrokerage({ brokerageId }).go({ pages: 'all' });
      return (data as AgentProfile[]).map(profileOf);
    },
  };
};
