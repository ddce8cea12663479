import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { ScheduledJob } from '../../schemas/scheduled-jobs';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export interface LocalScheduledJobsOptions {
  jobs: readonly ScheduledJob[];
  /** Repository root: job handler paths are relative to it. */
  rootDir: string;
  /** Overrides every job's rate, e.g. to see a retry within a demo; the cloud rate otherwise. */
  everyMs?: number;
  /** Called after each run, for the console line. */
  onRun?: (line: { id: string; ok: boolean; ms: number; result?: unknown; error?: unknown }) => void;
}

/** What EventBridge passes a rule's target. */
const scheduledEvent = (job: ScheduledJob): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: process.env.AWS_REGION ?? 'us-east-1',
  resources: [`arn:aws:events:local:000000000000:rule/${job.id}`],
  detail: {},
});

const context = (job: ScheduledJob, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: job.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${job.id}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${job.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * The local stand-in for the stack's EventBridge rules: each job's real handler, invoked on its rate with
 * a scheduled event. A run never overlaps the previous one of the same job; a failure is reported, and the
 * next run tries again, as in the cloud. The timers do not keep the process alive.
 */
export const startLocalScheduledJobs = (options: LocalScheduledJobsOptions): { stop(): void } => {
  const timers = options.jobs.map((job) => {
    const loaded = import(pathToFileURL(resolve(options.rootDir, job.handler)).href).then(
      (module: { handler: JobHandler }) => module.handler,
    );
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      const started = performance.now();
      try {
        const result = await (await loaded)(
          scheduledEvent(job),
          context(job, (job.timeoutSeconds ?? 60) * 1000),
        );
        options.onRun?.({ id: job.id, ok: true, ms: performance.now() - started, result });
      } catch (error) {
        options.onRun?.({ id: job.id, ok: false, ms: performance.now() - started, error });
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void run(), options.everyMs ?? job.everyMinutes * 60_000);
    timer.unref();
    return timer;
  });
  return {
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
};
