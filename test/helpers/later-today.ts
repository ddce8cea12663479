import { setTimeout as sleep } from 'node:timers/promises';
import { todayIn } from '../../lambdas/domain/tasks/due-window';

/**
 * A due time ahead of now and still in the agent's day (the test API's agents are in New York): an hour
 * ahead, or halfway to midnight late in the evening. In the day's last minute it waits for the next day.
 */
export const laterToday = async (timeZone = 'America/New_York'): Promise<string> => {
  let now = Date.now();
  let end = todayIn(timeZone, new Date(now)).end.getTime();
  if (end - now < 60_000) {
    await sleep(end - now + 1_000);
    now = Date.now();
    end = todayIn(timeZone, new Date(now)).end.getTime();
  }
  return new Date(Math.min(now + 3_600_000, now + (end - now) / 2)).toISOString();
};
