import type { Counts } from '../domain/analytics/counter-names';

/** The pre-aggregated day counters of a scope (an agent's id, or `brokerage#<id>`). */
export interface AnalyticsCounters {
  /** Every counter summed over the days from `fromDay` to `toDay`, inclusive. */
  sum(scope: string, fromDay: string, toDay: string): Promise<Counts>;
}
