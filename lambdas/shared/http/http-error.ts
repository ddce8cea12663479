import type { FieldIssue } from '../../domain/errors';

/** A failure of the HTTP exchange itself (size, JSON, headers, auth), before any use case runs. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly issues: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}
