import type { RouteAccess } from './routes';

/** A function the platform runs on a rate rather than on a request. */
export interface ScheduledJob {
  /** Stable id: names the function and its schedule. */
  id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  summary: string;
  everyMinutes: number;
  /** @default 60 */
  timeoutSeconds?: number;
  /** What its function may touch, in the same terms as a route's. */
  access: RouteAccess;
}

/** The one list of scheduled jobs: the stack gives each a function and a rule, `npm start` an interval. */
export const scheduledJobs = [
  {
    id: 'retryParkedLeadgens',
    handler: 'lambdas/handlers/scheduled/retry-parked-leadgens.ts',
    summary: 'Retry the Lead Ads forms Meta would not let us read, e.g. once the page token is renewed',
    everyMinutes: 15,
    timeoutSeconds: 120,
    // A form that becomes a new lead enrols it in its follow-up.
    access: { table: 'readWrite', whatsappSecrets: true, followUpExecutions: true },
  },
  {
    id: 'notifyDueTasks',
    handler: 'lambdas/handlers/scheduled/notify-due-tasks.ts',
    summary: "Push each task that fell due to its agent's phones, once per task and due time",
    everyMinutes: 5,
    timeoutSeconds: 60,
    access: { table: 'readWrite', push: true },
  },
] as const satisfies readonly ScheduledJob[];
