import type { AgentRepository } from '../../ports/agent-repository';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/ids';
import type { LeadRepository } from '../../ports/lead-repository';
import type { TaskRepository } from '../../ports/tasks';

/** What the task use cases need from the outside world. */
export interface TaskDeps {
  tasks: TaskRepository;
  leads: LeadRepository;
  /** For the agent's time zone, which says where their "today" begins and ends. */
  agents: Pick<AgentRepository, 'get'>;
  clock: Clock;
  newId: IdGenerator;
  /** The brokerage's zone, for an agent who has no profile yet. */
  profileDefaults: { timezone: string };
}
