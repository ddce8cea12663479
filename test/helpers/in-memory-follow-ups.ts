import {
  type FollowUpRun,
  type FollowUpRunRepository,
  isActiveRun,
  progressesFrom,
} from '../../lambdas/ports/follow-up-runs';
import type { LeadEvent, LeadEventLog } from '../../lambdas/ports/lead-events';
import type { Task, TaskRepository } from '../../lambdas/ports/tasks';

/** Follow-up runs in memory with the table adapter's conditions (claims once, results first-wins). */
export const createInMemoryFollowUpRuns = (): FollowUpRunRepository & { runs: Map<string, FollowUpRun> } => {
  const runs = new Map<string, FollowUpRun>();
  const running = (id: string) => {
    const run = runs.get(id);
    return run?.status === 'running' ? run : undefined;
  };
  return {
    runs,
    async create(run, at) {
      const existing = runs.get(run.enrollmentId);
      if (existing) return { run: structuredClone(existing), created: false };
      const stored: FollowUpRun = {
        ...structuredClone(run),
        status: 'running',
        stepsRun: [],
        results: [],
        updatedAt: at.toISOString(),
      };
      runs.set(run.enrollmentId, stored);
      return { run: structuredClone(stored), created: true };
    },
    async get(id) {
      return structuredClone(runs.get(id));
    },
    async latestForLead(leadId) {
      const run = [...runs.values()].filter((r) => r.enrolment?.leadId === leadId).at(-1);
      return run?.enrolment ? structuredClone({ ...run, enrolment: run.enrolment }) : undefined;
    },
    async listForLead(leadId) {
      return [...runs.values()]
        .flatMap((run) =>
          run.enrolment?.leadId === leadId ? [{ ...structuredClone(run), enrolment: run.enrolment }] : [],
        )
        .reverse();
    },
    async pause(id, at) {
      const run = running(id);
      if (!run) return false;
      Object.assign(run, { status: 'paused', pausedAt: at.toISOString(), updatedAt: at.toISOString() });
      return true;
    },
    async resume(id, steps, at) {
      const run = runs.get(id);
      if (run?.status !== 'paused') return false;
      Object.assign(run, { status: 'running', steps: structuredClone(steps), updatedAt: at.toISOString() });
      delete run.pausedAt;
      return true;
    },
    async remove(id) {
      runs.delete(id);
    },
    async setPendingWake(id, wake, at) {
      const stored = runs.get(id);
      const run = stored && isActiveRun(stored) ? stored : undefined;
      if (!run) return false;
      Object.assign(run, { pendingWake: wake, updatedAt: at.toISOString() });
      return true;
    },
    async recordStepRan(id, stepIndex, at) {
      const run = runs.get(id);
      if (run?.stepsRun.includes(stepIndex)) return 'already_ran';
      if (run?.status !== 'running') return 'not_running';
      run.stepsRun.push(stepIndex);
      run.updatedAt = at.toISOString();
      return 'recorded';
    },
    async rescheduleStep(id, stepIndex, { releaseClaim, ...change }, at) {
      const run = running(id);
      const step = run?.steps[stepIndex];
      if (!run || !step || run.stepsRun.includes(stepIndex) !== Boolean(releaseClaim)) return false;
      run.steps[stepIndex] = { ...step, ...change };
      run.stepsRun = run.stepsRun.filter((index) => index !== stepIndex);
      run.updatedAt = at.toISOString();
      return true;
    },
    async recordStepResult(id, result) {
      const run = runs.get(id);
      if (!run || run.results.some((r) => r.stepIndex === result.stepIndex)) return false;
      run.results = [...run.results, structuredClone(result)].sort((a, b) => a.stepIndex - b.stepIndex);
      return true;
    },
    async advanceStepResult(id, stepIndex, status, at) {
      const result = runs.get(id)?.results.find((r) => r.stepIndex === stepIndex);
      if (!result || !progressesFrom[status].includes(result.status)) return false;
      Object.assign(result, { status, updatedAt: at.toISOString() });
      return true;
    },
    async stop(id, reason, at) {
      const stored = runs.get(id);
      const run = stored && isActiveRun(stored) ? stored : undefined;
      if (!run) return false;
      Object.assign(run, { status: 'stopped', stopReason: reason, updatedAt: at.toISOString() });
      delete run.pausedAt;
      return true;
    },
    async finish(id, at) {
      const run = runs.get(id);
      if (run?.status === 'running') Object.assign(run, { status: 'finished', updatedAt: at.toISOString() });
    },
    async fail(id, failure, at) {
      const run = runs.get(id);
      if (!run) return false;
      Object.assign(run, { status: 'failed', failure, updatedAt: at.toISOString() });
      return true;
    },
  };
};

/** Tasks in memory: created once per id, completed once. */
export const createInMemoryTasks = (): TaskRepository & { tasks: Map<string, Task> } => {
  const tasks = new Map<string, Task>();
  return {
    tasks,
    async create(task) {
      const existing = tasks.get(task.taskId);
      if (existing) return { task: structuredClone(existing), created: false };
      tasks.set(task.taskId, structuredClone(task));
      return { task, created: true };
    },
    async get(taskId) {
      return structuredClone(tasks.get(taskId));
    },
    async listDue(agentId, { dueBefore }) {
      const items = [...tasks.values()].filter(
        (t) =>
          t.agentId === agentId && t.status === 'open' && (dueBefore === undefined || t.dueAt < dueBefore),
      );
      return { items: items.map((t) => structuredClone(t)), nextCursor: null };
    },
    async complete(taskId, { result, note }, at) {
      const task = tasks.get(taskId);
      if (!task) throw new Error('No such task');
      if (task.status === 'open') {
        Object.assign(task, { status: 'done', completedAt: at.toISOString(), updatedAt: at.toISOString() });
        if (result) task.result = result;
        if (note) task.note = note;
      }
      return structuredClone(task);
    },
  };
};

/** A lead event log in memory. */
export const createInMemoryLeadEvents = (): LeadEventLog & { recorded: LeadEvent[] } => {
  const recorded: LeadEvent[] = [];
  return {
    recorded,
    async record(event) {
      recorded.push(structuredClone(event));
    },
    async since(leadId, afterIso) {
      return recorded.filter((e) => e.leadId === leadId && e.occurredAt > afterIso);
    },
  };
};
