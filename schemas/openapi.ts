import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodObject, ZodType } from 'zod';
import { problemSchema } from './api/common';
import { type RouteDefinition, routes } from './routes';

const statusText: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid request: `errors` names each failing field',
  401: 'Missing, expired or invalid token',
  403: 'Not allowed: the item is read-only (a built-in sequence) or the request is not authorised',
  404: 'Not found (also a lead of another agent)',
  409: 'Conflict: a duplicate, or a stale version',
  413: 'Body too large',
  422: 'Valid, but cannot be done now',
  428: 'Send the version you read (If-Match or `version`)',
  503: 'Temporarily unavailable; see Retry-After',
};

const problem = (status: number) => ({
  description: statusText[status] ?? 'Error',
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Every schema nested in `schema` (object fields, wrappers, array items, union branches), itself first. */
const nested = function* (schema: ZodType, seen = new Set<ZodType>()): Generator<ZodType> {
  if (seen.has(schema)) return;
  seen.add(schema);
  yield schema;
  const def = schema._zod.def as unknown as Record<string, unknown>;
  const children = [
    def.innerType,
    def.element,
    def.in,
    def.out,
    ...(Array.isArray(def.options) ? def.options : []),
    ...Object.values((def.shape as Record<string, ZodType> | undefined) ?? {}),
  ];
  for (const child of children)
    if (child && typeof child === 'object' && '_zod' in child) yield* nested(child as ZodType, seen);
};

/** zod-to-openapi renders every union as anyOf; a z.xor (exactly one branch may match) is a oneOf. */
const markExclusiveUnions = (schema: ZodType | undefined) => {
  if (!schema) return;
  for (const part of nested(schema)) {
    const def = part._zod.def as { type: string; inclusive?: boolean };
    if (def.type === 'union' && def.inclusive === false) {
      zodToOpenAPIRegistry.add(part, { _internal: { unionPreferredType: 'oneOf' } });
    }
  }
};

const toOperation = (route: RouteDefinition) => {
  const errors = new Set([400, ...(route.auth === 'jwt' ? [401, 404] : []), ...(route.errors ?? [])]);
  return {
    method: route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: route.path,
    operationId: route.id,
    summary: route.summary,
    tags: route.tags,
    security: route.auth === 'jwt' ? [{ cognito: [] }] : [],
    request: {
      params: route.request?.params as ZodObject | undefined,
      query: route.request?.query as ZodObject | undefined,
      body: route.request?.body
        ? { required: true, content: { 'application/json': { schema: route.request.body as ZodType } } }
        : undefined,
    },
    responses: {
      ...Object.fromEntries(
        Object.entries(route.responses).map(([status, schema]) => [
          status,
          schema
            ? { description: statusText[Number(status)] ?? 'OK', content: { 'application/json': { schema } } }
            : { description: statusText[Number(status)] ?? 'OK' },
        ]),
      ),
      ...Object.fromEntries([...errors].map((status) => [String(status), problem(status)])),
    },
  };
};

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export const buildOpenApiDocument = (serverUrl?: string) => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'cognito', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito ID token of the agent',
  });
  for (const route of routes) {
    for (const part of Object.values(route.request ?? {})) markExclusiveUnions(part);
    registry.registerPath(toOperation(route));
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Lead CRM API',
      version: '1.0.0',
      description: 'Leads, scoring, follow-ups and analytics for real-estate agents.',
      // Proprietary: an SPDX reference of its own, which generators and strict linters accept as is.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
  });
};
