import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { createInteractionRepository } from '../adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createCrmService } from '../adapters/dynamodb/service';
import type { LeadDeps } from '../domain/leads/deps';
import { systemClock } from '../ports/clock';
import { env, tableName } from './env';
import { createIdGenerator } from './ids';

let leadDepsCache: LeadDeps | undefined;

/** The lead use cases' collaborators, built once per container from the function's configuration. */
export const leadDeps = (): LeadDeps => {
  if (leadDepsCache) return leadDepsCache;
  const config = env();
  const service = createCrmService(
    createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    tableName(),
  );
  leadDepsCache = {
    leads: createLeadRepository(service),
    interactions: createInteractionRepository(service),
    agents: createAgentRepository(service),
    clock: systemClock,
    newId: createIdGenerator(),
    profileDefaults: { timezone: config.DEFAULT_TIMEZONE, defaultCountry: config.DEFAULT_COUNTRY },
  };
  return leadDepsCache;
};
