import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind, type FieldIssue, UnavailableError } from '../../domain/errors';
import { logger } from '../logger';
import { HttpError } from './http-error';

const byKind: Record<DomainErrorKind, { status: number; title: string }> = {
  validation: { status: 400, title: 'Invalid request' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  stale_version: { status: 409, title: 'Stale version' },
  precondition_required: { status: 428, title: 'Precondition required' },
  unprocessable: { status: 422, title: 'Cannot do that now' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
  forbidden: { status: 403, title: 'Forbidden' },
  gone: { status: 410, title: 'Gone' },
};

const slug = (title: string) => title.toLowerCase().replaceAll(' ', '-');

export const problemResponse = (
  status: number,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  body: JSON.stringify({ type: `/problems/${slug(title)}`, title, status, detail, ...extensions }),
});

/** Names the failing fields the way a client sent them: `phone`, `tags.2`, `propertyInterest.price`. */
export const issuesFromZod = (error: ZodError, prefix?: string): FieldIssue[] =>
  fieldIssues(error.issues, prefix ? [prefix] : []);

type Issue = ZodError['issues'][number];

const fieldIssues = (issues: readonly Issue[], base: PropertyKey[]): FieldIssue[] =>
  issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    const name = path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: name ? `${name}.${key}` : key,
        message: 'is not a known field',
      }));
    }
    if (issue.code === 'invalid_union') {
      // "Exactly one of" (z.xor of strict objects): the one branch whose fields the client used tells what is wrong inside it.
      const chosen = issue.errors.filter(
        (branch) => !branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0),
      );
      if (chosen.length === 1 && chosen[0]) return fieldIssues(chosen[0], path);
    }
    return [{ field: name || 'body', message: issue.message }];
  });

/** The single mapping from any failure to RFC 9457 problem+json; unknown failures are a logged 500. */
export const toProblem = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof HttpError) {
    const extensions = error.issues.length > 0 ? { errors: error.issues } : {};
    return problemResponse(error.status, error.title, error.message, extensions, error.headers);
  }
  if (error instanceof ZodError) {
    const issues = issuesFromZod(error);
    return problemResponse(400, 'Invalid request', describe(issues), { errors: issues });
  }
  if (error instanceof DomainError) {
    const { status, title } = byKind[error.kind];
    // A 503 is ours to fix (configuration, a dependency): say so in the logs. Messages carry no personal data.
    if (error instanceof UnavailableError) logger.warn(error.message, { refusal: error.name });
    const headers: Record<string, string> =
      error instanceof UnavailableError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    return problemResponse(status, title, error.message, error.extensions, headers);
  }
  logger.error('Unhandled failure', { error: error instanceof Error ? error : String(error) });
  return problemResponse(500, 'Internal error', 'Something went wrong on our side; try again shortly');
};

export const describe = (issues: FieldIssue[]) => issues.map((i) => `${i.field}: ${i.message}`).join('; ');
