import { ConflictError } from '../errors';

/** A lead with this phone or email already exists for the agent. */
export class DuplicateLeadError extends ConflictError {
  constructor(
    readonly existingLeadId: string,
    readonly field: 'phone' | 'email',
  ) {
    super(`A lead with this ${field} already exists`, { existingLeadId, field });
  }
}
