/** The brokerage's round-robin position for new inbound leads. */
export interface RoutingCursor {
  /** Advances the position atomically and returns the new one (1 for the first lead ever routed). */
  next(brokerageId: string): Promise<number>;
}
