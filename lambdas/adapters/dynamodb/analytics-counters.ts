import type { Counts } from '../../domain/analytics/counter-names';
import { counterNames } from '../../domain/analytics/counter-names';
import type { AnalyticsCounters } from '../../ports/analytics-counters';
import type { CrmService } from './service';

/** Day counters read with one Query over the scope's partition (a year of days is a few hundred kB at most). */
export const createAnalyticsCounters = (service: CrmService): AnalyticsCounters => {
  const { activityCounter: counters } = service.entities;
  return {
    async sum(scope, fromDay, toDay) {
      const { data } = await counters.query
        .byScopeDay({ scope })
        .between({ day: fromDay }, { day: toDay })
        .go({ pages: 'all' });
      const total: Counts = {};
      for (const day of data as ReadonlyArray<Record<string, unknown>>) {
        for (const name of counterNames) {
          const value = day[name];
          if (typeof value === 'number') total[name] = (total[name] ?? 0) + value;
        }
      }
      return total;
    },
  };
};
