import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { agentRoleSchema } from '../../../schemas/api/agents';
import type { Actor } from '../../domain/actor';
import { logger } from '../logger';
import { HttpError } from './http-error';

type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The caller as the JWT authorizer vouched for them (Cognito ID token claims). A token of another
 * brokerage (an account whose `custom:brokerageId` is not the stack's, e.g. typed by hand) is refused
 * here, before anything is read or written: its leads would be invisible to the brokerage and its agent
 * never routed a lead.
 */
export const actorFromEvent = (event: APIGatewayProxyEventV2, stackBrokerageId: string): Actor => {
  const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: JwtClaims } };
  };
  const claims = context.authorizer?.jwt?.claims;
  const agentId = claims?.sub;
  const brokerageId = claims?.['custom:brokerageId'];
  const email = claims?.email;
  if (typeof agentId !== 'string' || typeof brokerageId !== 'string' || typeof email !== 'string') {
    throw new HttpError(401, 'Unauthorized', 'A valid agent token is required');
  }
  if (brokerageId !== stackBrokerageId) {
    // The operator's to fix (the account's attributes): say so in the logs, without the caller's identity.
    logger.warn('Token of another brokerage refused', {
      refusal: 'foreign_brokerage',
      tokenBrokerageId: brokerageId,
    });
    throw new HttpError(
      403,
      'Forbidden',
      `This account belongs to brokerage "${brokerageId}", not to this one; ask your brokerage's admin to check your account`,
    );
  }
  const role = agentRoleSchema.safeParse(claims?.['custom:role']);
  const name = claims?.name;
  return {
    agentId,
    brokerageId,
    email,
    role: role.success ? role.data : 'agent',
    name: typeof name === 'string' ? name : undefined,
  };
};
