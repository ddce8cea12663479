/** One page of a list; `nextCursor` is opaque to callers and null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}
