import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { agentRoleSchema } from '../../../schemas/api/agents';
import { AgentAccountExistsError, AgentAccountNotFoundError } from '../../domain/agents/agent-account-errors';
import type { AgentDirectory, DirectoryUser } from '../../ports/agent-directory';

/** The pool's attribute names, as the stack declares them (lib/constructs/user-pool.ts). */
export const agentAttributes = {
  brokerageId: 'custom:brokerageId',
  role: 'custom:role',
} as const;

interface PoolUser {
  Username?: string;
  Attributes?: AttributeType[];
  Enabled?: boolean;
  UserStatus?: string;
}

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/** A pool user as the domain reads it; the pool signs in with email, so `sub` is the stable id. */
const userOf = ({ Username, Attributes = [], Enabled, UserStatus }: PoolUser): DirectoryUser => {
  const attribute = (name: string) => Attributes.find((a) => a.Name === name)?.Value;
  const role = agentRoleSchema.safeParse(attribute(agentAttributes.role));
  const name = attribute('name');
  const brokerageId = attribute(agentAttributes.brokerageId);
  return {
    agentId: attribute('sub') ?? Username ?? '',
    email: attribute('email') ?? Username ?? '',
    ...(name !== undefined && { name }),
    ...(brokerageId !== undefined && { brokerageId }),
    ...(role.success && { role: role.data }),
    enabled: Enabled ?? true,
    state: UserStatus ?? 'UNKNOWN',
  };
};

/**
 * The brokerage's Cognito user pool as the agent directory. Users are named by email, which the pool
 * accepts wherever it asks for a username (email is its sign-in attribute).
 */
export const createCognitoAgentDirectory = (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): AgentDirectory => {
  const notFoundAs = async <T>(email: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (errorName(error) === 'UserNotFoundException') throw new AgentAccountNotFoundError(email);
      throw error;
    }
  };

  return {
    async create({ email, name, brokerageId, role }) {
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
              { Name: agentAttributes.brokerageId, Value: brokerageId },
              { Name: agentAttributes.role, Value: role },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        if (!User) throw new Error(`Cognito created ${email} but returned no user`);
        return userOf(User);
      } catch (error) {
        const name = errorName(error);
        if (name === 'UsernameExistsException' || name === 'AliasExistsException')
          throw new AgentAccountExistsError(email);
        throw error;
      }
    },

    async find(email) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        return userOf({ ...user, Attributes: user.UserAttributes });
      } catch (error) {
        if (errorName(error) === 'UserNotFoundException') return undefined;
        throw error;
      }
    },

    async list() {
      const users: DirectoryUser[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, PaginationToken: token }),
        );
        users.push(...(page.Users ?? []).map(userOf));
        token = page.PaginationToken;
      } while (token);
      return users;
    },

    async disable(email) {
      await notFoundAs(email, () =>
        client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: email })),
      );
    },

    async enable(email) {
      await notFoundAs(email, () =>
        client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: email })),
      );
    },

    async setRole(email, role) {
      await notFoundAs(email, () =>
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [{ Name: agentAttributes.role, Value: role }],
          }),
        ),
      );
    },
  };
};
