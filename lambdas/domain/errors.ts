/** Typed domain failures; the HTTP layer maps each kind to one status, once. */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'stale_version'
  | 'precondition_required'
  | 'unprocessable'
  | 'unavailable'
  | 'forbidden'
  | 'gone';

export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Extra members for the problem document (e.g. `existingLeadId`). */
  readonly extensions: Record<string, unknown>;

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => `${i.field}: ${i.message}`).join('; '),
  ) {
    super(message, { errors: issues });
  }
}

/** Also what a foreign id gets: another agent's lead is indistinguishable from a missing one. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(what: string) {
    super(`${what} was not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class StaleVersionError extends DomainError {
  readonly kind = 'stale_version';
  constructor(currentVersion?: number) {
    super(
      'This item was changed by someone else since you read it; reload and try again',
      currentVersion === undefined ? {} : { currentVersion },
    );
  }
}

export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition_required';
}

export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

/** The item is visible but may not be changed by anyone (a built-in sequence). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** What the client holds points at something no longer kept (a sync cursor older than the change feed). */
export class GoneError extends DomainError {
  readonly kind = 'gone';
}
