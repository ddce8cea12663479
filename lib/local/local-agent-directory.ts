import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import {
  AgentAccountExistsError,
  AgentAccountNotFoundError,
} from '../../lambdas/domain/agents/agent-account-errors';
import type { AgentDirectory, DirectoryUser } from '../../lambdas/ports/agent-directory';
import { agentRoleSchema } from '../../schemas/api/agents';
import { demoUsers } from './demo-users';
import { defaultDevKeyDir } from './dev-auth';

/** An account of the local runtime's stand-in for the user pool; `sub` plays the Cognito user id. */
const localUserSchema = z.object({
  sub: z.string().min(1),
  email: z.string().min(1),
  name: z.string(),
  role: agentRoleSchema,
  brokerageId: z.string(),
  enabled: z.boolean(),
});
export type LocalUser = z.infer<typeof localUserSchema>;

const fileName = 'agents.json';

/** Where the local accounts live: `.local/agents.json`, beside the dev signing key. */
export const localUsersFile = (dir: string = defaultDevKeyDir): string => join(dir, fileName);

/** The local accounts: the demo users until `npm run agents` first changes them, then the file. */
export const readLocalUsers = (dir: string = defaultDevKeyDir): LocalUser[] => {
  let text: string;
  try {
    text = readFileSync(localUsersFile(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return demoUsers.map(({ sub, email, name, role, brokerageId }) => ({
      sub,
      email,
      name,
      role,
      brokerageId,
      enabled: true,
    }));
  }
  const parsed = z.array(localUserSchema).safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `${localUsersFile(dir)} is not a list of local agents: delete it to start from the demo users.`,
    );
  return parsed.data;
};

/** A local account by email, ignoring case and surrounding spaces, as the pool signs in. */
export const findLocalUser = (email: string, dir: string = defaultDevKeyDir): LocalUser | undefined => {
  const wanted = email.trim().toLowerCase();
  return readLocalUsers(dir).find((user) => user.email === wanted);
};

const writeLocalUsers = (dir: string, users: LocalUser[]): void => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = localUsersFile(dir);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(users, null, 2)}\n`);
  renameSync(partial, path);
};

const directoryUserOf = (user: LocalUser): DirectoryUser => ({
  agentId: user.sub,
  email: user.email,
  name: user.name,
  brokerageId: user.brokerageId,
  role: user.role,
  enabled: user.enabled,
  state: 'CONFIRMED',
});

/**
 * The local runtime's user pool: accounts in `.local/agents.json`, read by `npm run token` to sign dev
 * tokens as the pool would issue them (a disabled account gets none).
 */
export const createLocalAgentDirectory = ({
  dir = defaultDevKeyDir,
  newSub = randomUUID,
}: {
  dir?: string;
  newSub?: () => string;
} = {}): AgentDirectory => {
  const change = (email: string, apply: (user: LocalUser) => LocalUser) => {
    const users = readLocalUsers(dir);
    const index = users.findIndex((user) => user.email === email);
    const found = users[index];
    if (!found) throw new AgentAccountNotFoundError(email);
    users[index] = apply(found);
    writeLocalUsers(dir, users);
  };

  return {
    async create({ email, name, brokerageId, role }) {
      const users = readLocalUsers(dir);
      if (users.some((user) => user.email === email)) throw new AgentAccountExistsError(email);
      const user: LocalUser = { sub: newSub(), email, name, role, brokerageId, enabled: true };
      writeLocalUsers(dir, [...users, user]);
      return directoryUserOf(user);
    },
    async find(email) {
      const user = findLocalUser(email, dir);
      return user && directoryUserOf(user);
    },
    async list() {
      return readLocalUsers(dir).map(directoryUserOf);
    },
    async disable(email) {
      change(email, (user) => ({ ...user, enabled: false }));
    },
    async enable(email) {
      change(email, (user) => ({ ...user, enabled: true }));
    },
    async setRole(email, role) {
      change(email, (user) => ({ ...user, role }));
    },
  };
};
