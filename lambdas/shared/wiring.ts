import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createConsentRegistry } from '../adapters/dynamodb/consent-registry';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { createInteractionRepository } from '../adapters/dynamodb/interaction-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createCrmService } from '../adapters/dynamodb/service';
import type { LeadDeps } from '../domain/leads/deps';
import { systemClock } from '../ports/clock';
import { env, tableName } from './env';
import { createIdGenerator } from './ids';

let service: ReturnType<typeof createCrmService> | undefined;
let leadDepsCache: LeadDeps | undefined;

/** The table's entities on one document client, created once per container. */
export const crmService = () => {
  const config = env();
  service ??= createCrmService(
    createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    tableName(),
  );
  return service;
};

/** The lead use cases' collaborators, built once per container from the function's configuration. */
export const leadDeps = (): LeadDeps => {
  if (leadDepsCache) return leadDepsCache;
  const config = env();
  const crm = crmService();
  leadDepsCache = {
    leads: createLeadRepository(crm),
    interactions: createInteractionRepository(crm),
    agents: createAgentRepository(crm),
    consents: createConsentRegistry(crm),
    clock: systemClock,
    newId: createIdGenerator(),
    profileDefaults: { timezone: config.DEFAULT_TIMEZONE, defaultCountry: config.DEFAULT_COUNTRY },
  };
  return leadDepsCache;
};
