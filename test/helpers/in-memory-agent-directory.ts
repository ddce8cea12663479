import { randomUUID } from 'node:crypto';
import {
  AgentAccountExistsError,
  AgentAccountNotFoundError,
} from '../../lambdas/domain/agents/agent-account-errors';
import type { AgentDirectory, DirectoryUser } from '../../lambdas/ports/agent-directory';

export interface InMemoryAgentDirectory extends AgentDirectory {
  /** The accounts as stored, by email. */
  accounts: Map<string, DirectoryUser>;
  /** The next call of this operation fails as a dropped connection would, changing nothing. */
  failNext(operation: 'create' | 'disable' | 'enable' | 'setRole'): void;
}

/** The user pool's contract in memory: unique emails, not-found errors, disabled accounts kept and listed. */
export const createInMemoryAgentDirectory = (accounts: DirectoryUser[] = []): InMemoryAgentDirectory => {
  const stored = new Map(accounts.map((account) => [account.email, structuredClone(account)]));
  const failing = new Set<string>();
  const failIfAsked = (operation: string) => {
    if (failing.delete(operation)) throw new Error(`${operation}: connection reset`);
  };
  const change = (email: string, apply: (account: DirectoryUser) => DirectoryUser) => {
    const account = stored.get(email);
    if (!account) throw new AgentAccountNotFoundError(email);
    stored.set(email, apply(account));
  };
  return {
    accounts: stored,
    failNext: (operation) => failing.add(operation),
    async create({ email, name, brokerageId, role }) {
      failIfAsked('create');
      if (stored.has(email)) throw new AgentAccountExistsError(email);
      const account: DirectoryUser = {
        agentId: randomUUID(),
        email,
        name,
        brokerageId,
        role,
        enabled: true,
        state: 'FORCE_CHANGE_PASSWORD',
      };
      stored.set(email, account);
      return structuredClone(account);
    },
    async find(email) {
      const account = stored.get(email);
      return account && structuredClone(account);
    },
    async list() {
      return [...stored.values()].map((account) => structuredClone(account));
    },
    async disable(email) {
      failIfAsked('disable');
      change(email, (account) => ({ ...account, enabled: false }));
    },
    async enable(email) {
      failIfAsked('enable');
      change(email, (account) => ({ ...account, enabled: true }));
    },
    async setRole(email, role) {
      failIfAsked('setRole');
      change(email, (account) => ({ ...account, role }));
    },
  };
};
