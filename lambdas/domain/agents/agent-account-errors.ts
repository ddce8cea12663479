import { ConflictError, NotFoundError } from '../errors';

/** The email already has an account in the pool. */
export class AgentAccountExistsError extends ConflictError {
  constructor(readonly email: string) {
    super(`An account with the email ${email} already exists`);
  }
}

/** No account of the pool has this email. */
export class AgentAccountNotFoundError extends NotFoundError {
  constructor(readonly email: string) {
    super(`The account ${email}`);
  }
}

/** The account belongs to another brokerage (or to none): this stack does not administer it. */
export class ForeignAgentAccountError extends ConflictError {
  constructor(email: string, found: string | undefined, brokerageId: string) {
    super(
      `The account ${email} has custom:brokerageId ${found === undefined ? '(none)' : `"${found}"`}, not this stack's "${brokerageId}"`,
    );
  }
}
