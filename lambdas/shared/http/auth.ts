import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { agentRoleSchema } from '../../../schemas/api/agents';
import type { Actor } from '../../domain/actor';
import { HttpError } from './http-error';

type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/** The caller as the JWT authorizer vouched for them (Cognito ID token claims). */
export const actorFromEvent = (event: APIGatewayProxyEventV2): Actor => {
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
