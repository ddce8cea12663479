import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createTaskRepository } from '../adapters/dynamodb/task-repository';
import type { TaskDeps } from '../domain/tasks/deps';
import { systemClock } from '../ports/clock';
import { env } from './env';
import { createIdGenerator } from './ids';
import { crmService } from './wiring';

let cache: TaskDeps | undefined;

/** The task use cases' collaborators, built once per container. */
export const taskDeps = (): TaskDeps => {
  if (cache) return cache;
  const crm = crmService();
  cache = {
    tasks: createTaskRepository(crm),
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    clock: systemClock,
    newId: createIdGenerator(),
    profileDefaults: { timezone: env().DEFAULT_TIMEZONE },
  };
  return cache;
};
