import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiMaxBodyBytes, type RouteDefinition } from '../../schemas/routes';
import type { DevTokenVerifier } from './dev-auth';
import {
  createInProcessFunctions,
  createIsolatedFunctions,
  FunctionFailedError,
  type FunctionLog,
} from './local-functions';

/** A local-only endpoint (outbox, health): gets the request and its body, writes the response itself. */
export type LocalEndpoint = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => Promise<void>;

export interface LocalGatewayOptions {
  routes: RouteDefinition[];
  verifier: DevTokenVerifier;
  /** Repository root: route handler paths are relative to it. */
  rootDir: string;
  port?: number;
  host?: string;
  /** Extra endpoints by `METHOD /path`, served without auth; only ever wired by the local runtime. */
  localEndpoints?: Record<string, LocalEndpoint>;
  /**
   * `isolated` (what `npm start` runs): each function in worker threads of its own, with only the
   * variables its route's access declares, so a forgotten binding fails here as it would in the
   * cloud; each cold start costs a second or so. `in-process` (the test suites, the bench): every
   * handler in this process on its environment. @default 'in-process'
   */
  isolation?: 'isolated' | 'in-process';
  /** With `isolated`: where each function's variables are picked from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** With `isolated`: lines the functions log; this process's stdout by default. */
  onFunctionLog?: FunctionLog;
  /** Called after every request, for the console line. */
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

export interface LocalGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  params: string[];
}

/** `/leads/{leadId}` → a regex with named groups; literal segments win over parameters, as in API Gateway. */
const compile = (route: RouteDefinition): CompiledRoute => {
  const params: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), params };
};

const problem = (response: ServerResponse, status: number, title: string, detail: string) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(
    JSON.stringify({ type: `/problems/${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail }),
  );
};

class BodyTooLarge extends Error {}

const readBody = (request: IncomingMessage, limit: number) =>
  new Promise<Buffer>((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const singleValued = (entries: Iterable<[string, string | string[] | undefined]>) => {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
};

const queryParameters = (search: URLSearchParams) => {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(',');
  return Object.keys(out).length > 0 ? out : undefined;
};

/** API Gateway hands claims to the function as strings. */
const stringClaims = (claims: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );

/**
 * The local stand-in for the HTTP API: matches the route table, checks the bearer token as the JWT
 * authorizer would, turns each request into an API Gateway v2 event for the route's real handler,
 * and writes its result back.
 */
export const startLocalGateway = async (options: LocalGatewayOptions): Promise<LocalGateway> => {
  const compiled = options.routes
    .map(compile)
    .sort((a, b) => a.params.length - b.params.length || b.route.path.length - a.route.path.length);
  const functions =
    options.isolation === 'isolated'
      ? createIsolatedFunctions({ rootDir: options.rootDir, env: options.env, onLog: options.onFunctionLog })
      : createInProcessFunctions({ rootDir: options.rootDir });

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The route's own limit, as the handler shell applies it: reading stops there, so nothing larger is buffered.
    const read = async (limit: number): Promise<Buffer | undefined> => {
      try {
        return await readBody(request, limit);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        response.setHeader('connection', 'close');
        problem(response, 413, 'Payload too large', `The body is larger than ${limit} bytes`);
        return undefined;
      }
    };

    const local = options.localEndpoints?.[`${method} ${url.pathname}`];
    if (local) {
      const localBody = await read(apiMaxBodyBytes);
      return localBody && local(request, response, localBody.toString('utf8'));
    }

    let match: { route: RouteDefinition; pathParameters: Record<string, string> } | undefined;
    for (const candidate of compiled) {
      if (candidate.route.method !== method) continue;
      const found = candidate.pattern.exec(url.pathname);
      if (!found) continue;
      const pathParameters = Object.fromEntries(
        candidate.params.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]),
      );
      match = { route: candidate.route, pathParameters };
      break;
    }
    const body = await read(match?.route.maxBodyBytes ?? apiMaxBodyBytes);
    if (!body) return;
    if (!match) return problem(response, 404, 'Not found', `No route for ${method} ${url.pathname}`);

    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'jwt') {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token)
        return problem(response, 401, 'Unauthorized', 'Send an agent token: Authorization: Bearer <token>');
      try {
        claims = stringClaims(await options.verifier.verify(token));
      } catch {
        return problem(response, 401, 'Unauthorized', 'The token is invalid or expired');
      }
    }

    const requestId = randomUUID();
    const now = new Date();
    const routeKey = `${match.route.method} ${match.route.path}`;
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers: singleValued(Object.entries(request.headers)),
      queryStringParameters: queryParameters(url.searchParams),
      pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : undefined,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: request.headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: request.headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      },
      body: body.length > 0 ? body.toString('utf8') : undefined,
      isBase64Encoded: false,
    };

    const result = await functions.invoke(match.route, event, requestId);
    // As API Gateway does: the id the function's log lines carry.
    const headers: Record<string, string> = { 'apigw-requestid': requestId };
    for (const [key, value] of Object.entries(result.headers ?? {})) headers[key] = String(value);
    response.writeHead(result.statusCode ?? 200, headers);
    response.end(
      result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined,
    );
  };

  const server: Server = createServer((request, response) => {
    const started = performance.now();
    response.on('finish', () =>
      options.onRequest?.({
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0] ?? '/',
        status: response.statusCode,
        ms: performance.now() - started,
      }),
    );
    serve(request, response).catch((error: unknown) => {
      // What API Gateway answers when the integration itself fails; a function's failure is already in its log.
      if (!(error instanceof FunctionFailedError)) console.error(error);
      if (!response.headersSent) problem(response, 500, 'Internal error', 'The function failed');
      else response.end();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${port}`,
    port,
    close: async () => {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      await functions.close();
    },
  };
};
