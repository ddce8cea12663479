import { ConflictError, NotFoundError } from '../errors';

/** A lead with this phone or email already exists for the agent. */
export class DuplicateLeadError extends ConflictError {
  constructor(
    readonly existingLeadId: string,
    readonly field: 'phone' | 'email',
  ) {
    super(`A lead with this ${field} already exists`, { existingLeadId, field });
  }
}

/**
 * The lead was erased, or its erase has begun, after the caller read it: a write about it is refused
 * rather than leaving an orphan. An agent sees a 404; a backend path skips quietly.
 */
export class LeadGoneError extends NotFoundError {
  constructor(readonly leadId: string) {
    super('Lead');
  }
}
