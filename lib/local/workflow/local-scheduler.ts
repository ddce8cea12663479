import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../lambdas/ports/clock';
import type { localScheduleEntity } from './local-schedule-entity';
import { instantOfAtExpression } from './zoned-time';

export interface CreateLocalSchedule {
  groupName: string;
  name: string;
  expression: string;
  timeZone: string;
  targetArn: string;
  input: string;
}

/** Delivers a fired schedule's input to its target; `refused` is what a target answers for a stale call. */
export type ScheduleTarget = (targetArn: string, input: string) => Promise<'delivered' | 'refused'>;

export interface LocalSchedulerOptions {
  schedules: typeof localScheduleEntity;
  clock: Clock;
  target: ScheduleTarget;
  /**
   * How much shorter every wait is (FOLLOW_UP_CLOCK_SPEED); 1 is real time. A schedule created at
   * real time c for time t fires at c + (t − c) / speed: the wait shrinks, the times stay real.
   */
  speed?: number;
  /** Longest single timer; a later schedule re-arms (Node timers overflow past ~24.8 days). */
  maxTimerMs?: number;
  /** Delivery attempts before a wake is dead-lettered (logged and dropped), as Scheduler's retry policy. */
  maxAttempts?: number;
  log?: (line: string) => void;
}

export interface LocalScheduler {
  create(schedule: CreateLocalSchedule): Promise<'created' | 'conflict'>;
  delete(groupName: string, name: string): Promise<'deleted' | 'not_found'>;
  /** Arms a timer for every stored schedule of the group (after a restart too). */
  start(groupName: string): Promise<number>;
  /** Clears every pending timer; stored schedules stay for the next start. */
  stop(): void;
  /** The time as the sped-up waits see it: real time since start, sped up (never behind real time). */
  now(): Date;
}

const isConditionFailure = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    (error.cause instanceof Error && error.cause.name === 'ConditionalCheckFailedException'));

/**
 * The local EventBridge Scheduler: one-time schedules stored in DynamoDB Local, fired by timers
 * (each wait shortened by the speed-up, every time stored stays real), delivered with bounded,
 * jittered retries, and deleted once delivered (ActionAfterCompletion: DELETE). A restart re-arms
 * each stored schedule for the same real instant it was going to fire at.
 */
export const createLocalScheduler = (options: LocalSchedulerOptions): LocalScheduler => {
  const speed = options.speed ?? 1;
  const maxTimerMs = options.maxTimerMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const log = options.log ?? (() => undefined);
  const timers = new Map<string, NodeJS.Timeout>();
  const startedAt = options.clock.now().getTime();
  let stopped = false;

  const real = () => options.clock.now().getTime();
  const now = () => new Date(startedAt + (real() - startedAt) * speed);
  /** When a schedule made at `createdAt` for `at` fires, in real time. */
  const firesAt = (at: Date, createdAt: Date) =>
    createdAt.getTime() + Math.max(0, at.getTime() - createdAt.getTime()) / speed;
  const key = (groupName: string, name: string) => `${groupName}/${name}`;

  const deliver = async (groupName: string, name: string) => {
    const { data } = await options.schedules.get({ groupName, name }).go();
    if (!data) return; // cancelled meanwhile
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (stopped) return;
      try {
        const outcome = await options.target(data.targetArn, data.input);
        if (outcome === 'refused') log(`Wake ${name}: its wait is over (stale token); nothing to do`);
        await options.schedules.delete({ groupName, name }).go();
        return;
      } catch (error) {
        if (attempt === maxAttempts) {
          log(`Wake ${name} dead-lettered after ${attempt} attempts: ${(error as Error).message}`);
          await options.schedules.delete({ groupName, name }).go();
          return;
        }
        await sleep(Math.random() * 200 * 2 ** attempt);
      }
    }
  };

  const arm = (groupName: string, name: string, at: Date, createdAt: Date) => {
    const id = key(groupName, name);
    clearTimeout(timers.get(id));
    if (stopped) return;
    const fireAt = firesAt(at, createdAt);
    const delay = Math.min(maxTimerMs, Math.max(0, fireAt - real()));
    const timer = setTimeout(() => {
      timers.delete(id);
      if (real() < fireAt) return arm(groupName, name, at, createdAt);
      deliver(groupName, name).catch((error: unknown) =>
        log(`Wake ${name} failed: ${(error as Error).message}`),
      );
    }, delay);
    timers.set(id, timer);
  };

  return {
    now,

    async create(schedule) {
      const at = instantOfAtExpression(schedule.expression, schedule.timeZone);
      const createdAt = new Date(real());
      try {
        await options.schedules
          .create({ ...schedule, at: at.toISOString(), createdAt: createdAt.toISOString() })
          .go();
      } catch (error) {
        if (isConditionFailure(error)) return 'conflict';
        throw error;
      }
      arm(schedule.groupName, schedule.name, at, createdAt);
      return 'created';
    },

    async delete(groupName, name) {
      clearTimeout(timers.get(key(groupName, name)));
      timers.delete(key(groupName, name));
      try {
        await options.schedules
          .delete({ groupName, name })
          .where(({ name: stored }, { exists }) => exists(stored))
          .go();
        return 'deleted';
      } catch (error) {
        if (isConditionFailure(error)) return 'not_found';
        throw error;
      }
    },

    async start(groupName) {
      stopped = false;
      const { data } = await options.schedules.query.byGroup({ groupName }).go({ pages: 'all' });
      for (const schedule of data)
        arm(groupName, schedule.name, new Date(schedule.at), new Date(schedule.createdAt));
      return data.length;
    },

    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
};
