import type { IntelligenceDeps } from '../../../../lambdas/domain/intelligence/deps';
import { analyzeContent } from '../../../../lambdas/domain/scoring/heuristic-content-analyzer';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { ContentAnalysisInput, ContentAnalyzer } from '../../../../lambdas/ports/content-analyzer';
import type { Lead } from '../../../../schemas/api/leads';
import type { ContentAnalysis } from '../../../../schemas/scoring';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps, type InMemoryDeps } from '../../../helpers/in-memory-repositories';

export const dana = createMockActor();
export const omar = createMockActor({
  agentId: 'agent-omar-haddad',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
});
export const admin = createMockActor({
  agentId: 'agent-ines-moreau',
  email: 'ines.moreau@example.com',
  name: 'Ines Moreau',
  role: 'admin',
});

/** An analyzer that remembers what it was asked and answers as the built-in rules do, as `provider`. */
export const recordingAnalyzer = (provider: ContentAnalysis['provider']) => {
  const calls: ContentAnalysisInput[] = [];
  const analyzer: ContentAnalyzer & { calls: ContentAnalysisInput[] } = {
    calls,
    async analyze(input) {
      calls.push(input);
      return { ...analyzeContent(input), provider };
    },
  };
  return analyzer;
};

export type IntelligenceWorld = Omit<IntelligenceDeps, 'analyzer' | 'fastAnalyzer'> &
  InMemoryDeps & {
    analyzer: ReturnType<typeof recordingAnalyzer>;
    fastAnalyzer: ReturnType<typeof recordingAnalyzer>;
    clock: ReturnType<typeof fixedClock>;
  };

/** Every collaborator scoring needs, in memory: the model analyzer answers as `bedrock`, the fast one as `heuristic`. */
export const intelligenceWorld = (now = '2026-03-02T14:00:00.000Z'): IntelligenceWorld => {
  const clock = fixedClock(now);
  return {
    ...createInMemoryDeps(clock),
    clock,
    analyzer: recordingAnalyzer('bedrock'),
    fastAnalyzer: recordingAnalyzer('heuristic'),
  };
};

/** A lead of Dana's that wrote in, stored; her profile stored too. */
export const seedLead = async (world: IntelligenceWorld, overrides: Partial<Lead> = {}): Promise<Lead> => {
  await world.agents.createIfAbsent(createMockProfile());
  const lead = createMockLead({
    initialMessage: 'We are pre-approved for $650k and would like to view the house this weekend.',
    ...overrides,
  });
  await world.leads.create(lead, []);
  return lead;
};
