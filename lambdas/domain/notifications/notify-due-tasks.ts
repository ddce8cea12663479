import type { AgentRepository } from '../../ports/agent-repository';
import type { Clock } from '../../ports/clock';
import type { NoticeLog } from '../../ports/push';
import type { TaskRepository } from '../../ports/tasks';
import { type NotifyDeps, notifyAgent } from './notify-agent';

export interface DueTaskDeps extends NotifyDeps {
  agents: Pick<AgentRepository, 'listForBrokerage'>;
  tasks: Pick<TaskRepository, 'listDue'>;
  notices: NoticeLog;
  clock: Clock;
  brokerageId: string;
}

/** How far back a run looks: three runs' worth, so a late or missed run loses nothing (claims dedupe). */
export const dueLookbackMinutes = 15;

/**
 * Runs every few minutes: each agent's open tasks that fell due in the last window are pushed to the
 * agent's phones, each task once per due time (a claim), however often the job runs or overlaps.
 * Flow: the brokerage's agents → per agent one Query of open tasks due in the window → claim → push.
 */
export const notifyDueTasks = async (deps: DueTaskDeps): Promise<{ notified: number }> => {
  const now = deps.clock.now();
  const dueFrom = new Date(now.getTime() - dueLookbackMinutes * 60_000).toISOString();
  let notified = 0;
  for (const agent of await deps.agents.listForBrokerage(deps.brokerageId)) {
    let cursor: string | undefined;
    do {
      const page = await deps.tasks.listDue(agent.agentId, {
        dueFrom,
        dueBefore: now.toISOString(),
        limit: 100,
        ...(cursor && { cursor }),
      });
      for (const task of page.items) {
        if (!(await deps.notices.claim(`task-due#${task.taskId}#${task.dueAt}`, 2 * 86_400))) continue;
        await notifyAgent(
          task.agentId,
          {
            title: task.kind === 'call' ? 'A call is due' : 'A reminder is due',
            body: 'Open the app to see what to do and for whom.',
            data: { kind: 'task.due', taskId: task.taskId, leadId: task.leadId },
          },
          deps,
        );
        notified++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { notified };
};
