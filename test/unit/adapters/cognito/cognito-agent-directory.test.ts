import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCognitoAgentDirectory } from '../../../../lambdas/adapters/cognito/cognito-agent-directory';
import {
  AgentAccountExistsError,
  AgentAccountNotFoundError,
} from '../../../../lambdas/domain/agents/agent-account-errors';

const cognito = mockClient(CognitoIdentityProviderClient);
const userPoolId = 'us-east-1_AbCdEf123';
const directory = createCognitoAgentDirectory(new CognitoIdentityProviderClient({}), userPoolId);
const priyaSub = '3f2b9c1e-7d4a-4e8b-9c0d-1a2b3c4d5e6f';

/** As Cognito answers: the error's name and message, HTTP 400, a request id. */
const metadata = { httpStatusCode: 400, requestId: '5c1f3b2a-0d9e-4f7a-8b6c-2e1d0a9f8b7c', attempts: 1 };
const usernameExists = () =>
  new UsernameExistsException({
    message: 'An account with the given email already exists.',
    $metadata: metadata,
  });
const userNotFound = () =>
  new UserNotFoundException({ message: 'User does not exist.', $metadata: metadata });

const priyaAttributes = [
  { Name: 'sub', Value: priyaSub },
  { Name: 'email', Value: 'priya.shah@example.com' },
  { Name: 'email_verified', Value: 'true' },
  { Name: 'name', Value: 'Priya Shah' },
  { Name: 'custom:brokerageId', Value: 'brokerage-riverside' },
  { Name: 'custom:role', Value: 'agent' },
];

beforeEach(() => {
  cognito.reset();
});

describe('createCognitoAgentDirectory', () => {
  it('creates the user with a verified email, name, brokerage and role, and emails the invitation', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: {
        Username: priyaSub,
        Attributes: priyaAttributes,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      },
    });

    const account = await directory.create({
      email: 'priya.shah@example.com',
      name: 'Priya Shah',
      brokerageId: 'brokerage-riverside',
      role: 'agent',
    });

    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: userPoolId,
      Username: 'priya.shah@example.com',
      UserAttributes: [
        { Name: 'email', Value: 'priya.shah@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Priya Shah' },
        { Name: 'custom:brokerageId', Value: 'brokerage-riverside' },
        { Name: 'custom:role', Value: 'agent' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(account).toEqual({
      agentId: priyaSub,
      email: 'priya.shah@example.com',
      name: 'Priya Shah',
      brokerageId: 'brokerage-riverside',
      role: 'agent',
      enabled: true,
      state: 'FORCE_CHANGE_PASSWORD',
    });
  });

  it('turns UsernameExistsException into AgentAccountExistsError', async () => {
    cognito.on(AdminCreateUserCommand).rejects(usernameExists());

    await expect(
      directory.create({
        email: 'priya.shah@example.com',
        name: 'Priya Shah',
        brokerageId: 'b',
        role: 'agent',
      }),
    ).rejects.toBeInstanceOf(AgentAccountExistsError);
  });

  it('finds a user by email with AdminGetUser, and none on UserNotFoundException', async () => {
    cognito
      .on(AdminGetUserCommand, { Username: 'priya.shah@example.com' })
      .resolves({
        Username: priyaSub,
        UserAttributes: priyaAttributes,
        Enabled: false,
        UserStatus: 'CONFIRMED',
      })
      .on(AdminGetUserCommand, { Username: 'nobody@example.com' })
      .rejects(userNotFound());

    expect(await directory.find('priya.shah@example.com')).toMatchObject({
      agentId: priyaSub,
      brokerageId: 'brokerage-riverside',
      enabled: false,
      state: 'CONFIRMED',
    });
    expect(await directory.find('nobody@example.com')).toBeUndefined();
  });

  it('lists every page of users, reading an unknown role as none', async () => {
    cognito
      .on(ListUsersCommand, { PaginationToken: undefined })
      .resolves({
        Users: [{ Username: priyaSub, Attributes: priyaAttributes, Enabled: true, UserStatus: 'CONFIRMED' }],
        PaginationToken: 'page-2',
      })
      .on(ListUsersCommand, { PaginationToken: 'page-2' })
      .resolves({
        Users: [
          {
            Username: 'e1d2c3b4-0000-4000-8000-000000000009',
            Attributes: [
              { Name: 'sub', Value: 'e1d2c3b4-0000-4000-8000-000000000009' },
              { Name: 'email', Value: 'omar.haddad@example.com' },
              { Name: 'custom:role', Value: 'owner' },
            ],
            Enabled: true,
            UserStatus: 'CONFIRMED',
          },
        ],
      });

    const users = await directory.list();

    expect(users.map((user) => [user.email, user.role, user.brokerageId])).toEqual([
      ['priya.shah@example.com', 'agent', 'brokerage-riverside'],
      ['omar.haddad@example.com', undefined, undefined],
    ]);
    expect(cognito).toHaveReceivedCommandTimes(ListUsersCommand, 2);
  });

  it('disables, enables and changes the role by email', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminEnableUserCommand).resolves({});
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});

    await directory.disable('priya.shah@example.com');
    await directory.enable('priya.shah@example.com');
    await directory.setRole('priya.shah@example.com', 'admin');

    const named = { UserPoolId: userPoolId, Username: 'priya.shah@example.com' };
    expect(cognito).toHaveReceivedCommandWith(AdminDisableUserCommand, named);
    expect(cognito).toHaveReceivedCommandWith(AdminEnableUserCommand, named);
    expect(cognito).toHaveReceivedCommandWith(AdminUpdateUserAttributesCommand, {
      ...named,
      UserAttributes: [{ Name: 'custom:role', Value: 'admin' }],
    });
  });

  it('turns UserNotFoundException on disable, enable and setRole into AgentAccountNotFoundError', async () => {
    cognito.on(AdminDisableUserCommand).rejects(userNotFound());
    cognito.on(AdminEnableUserCommand).rejects(userNotFound());
    cognito.on(AdminUpdateUserAttributesCommand).rejects(userNotFound());

    await expect(directory.disable('nobody@example.com')).rejects.toBeInstanceOf(AgentAccountNotFoundError);
    await expect(directory.enable('nobody@example.com')).rejects.toBeInstanceOf(AgentAccountNotFoundError);
    await expect(directory.setRole('nobody@example.com', 'admin')).rejects.toBeInstanceOf(
      AgentAccountNotFoundError,
    );
  });

  it('lets any other failure through unchanged', async () => {
    cognito.on(AdminDisableUserCommand).rejects(new Error('Rate exceeded'));

    await expect(directory.disable('priya.shah@example.com')).rejects.toThrow('Rate exceeded');
  });
});
