import type { AgentRole } from '../../schemas/api/agents';

/** A sign-in account of the brokerage's user pool, as its attributes say. */
export interface DirectoryUser {
  /** The pool's immutable user id (`sub`): the agent id in tokens and in the table. */
  agentId: string;
  email: string;
  name?: string;
  /** `custom:brokerageId`; undefined when the account was made without it. */
  brokerageId?: string;
  /** `custom:role`; undefined when absent or not a role this backend knows. */
  role?: AgentRole;
  /** False once disabled: the account cannot sign in. */
  enabled: boolean;
  /** The pool's account state, e.g. FORCE_CHANGE_PASSWORD until the first sign-in. */
  state: string;
}

export interface NewDirectoryUser {
  email: string;
  name: string;
  brokerageId: string;
  role: AgentRole;
}

/**
 * The identity provider the agents sign in with (the Cognito user pool, or the local runtime's users
 * file). Users are named by email. Adapters throw {@link AgentAccountExistsError} and
 * {@link AgentAccountNotFoundError} from `domain/agents/agent-account-errors`.
 */
export interface AgentDirectory {
  /** Creates the account with a verified email and sends its invitation. */
  create(user: NewDirectoryUser): Promise<DirectoryUser>;
  /** The account, or undefined when there is none with this email. */
  find(email: string): Promise<DirectoryUser | undefined>;
  list(): Promise<DirectoryUser[]>;
  disable(email: string): Promise<void>;
  enable(email: string): Promise<void>;
  /** Changes `custom:role`; tokens carry it from the next sign-in. */
  setRole(email: string, role: AgentRole): Promise<void>;
}
