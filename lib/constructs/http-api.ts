import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../schemas/routes';
import type { BrokerageConfig } from '../config';
import { type AccessResources, AppFunction } from './app-function';

export interface CrmHttpApiProps {
  readonly config: BrokerageConfig;
  readonly routes: readonly RouteDefinition[];
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly resources: AccessResources;
  /** Where handler entries are resolved; the repository root by default. */
  readonly projectRoot?: string;
}

/** One JSON line per request; no headers or bodies, so no tokens, phone numbers or messages. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    responseLength: '$context.responseLength',
    integrationErrorMessage: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** Why a route may be called without a Cognito token; a public route with no reason here fails synth. */
const publicRouteReason = (route: RouteDefinition): string => {
  if (route.path.startsWith('/webhooks/') && route.method === 'GET') {
    return "Meta's subscription handshake; the handler answers only when hub.verify_token matches the stored verify token";
  }
  if (route.path.startsWith('/webhooks/')) return 'signed by Meta; the handler verifies X-Hub-Signature-256';
  if (route.path === '/openapi.json') return 'public API description, no data';
  if (route.path.startsWith('/unsubscribe/')) {
    return "an email's one-click unsubscribe (RFC 8058) works without signing in; the unguessable token is the credential, and it only withdraws email consent";
  }
  throw new Error(
    `Route ${route.method} ${route.path} is public but has no stated reason: add one to publicRouteReason() in lib/constructs/http-api.ts or make it 'jwt'.`,
  );
};

/**
 * The brokerage's HTTP API, built from the route table: one {@link AppFunction} per route with the
 * bindings its `access` declares, the Cognito JWT authorizer on every `jwt` route and none on
 * `public` ones, a throttled default stage with JSON access logs, and CORS when origins are configured.
 */
export class CrmHttpApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The route functions by route id. */
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** Route keys (`POST /webhooks/whatsapp`) callable without a token, each throttled on its own. */
  readonly publicRouteKeys: readonly string[];

  constructor(scope: Construct, id: string, props: CrmHttpApiProps) {
    super(scope, id);
    const { config } = props;

    const authorizer = new HttpJwtAuthorizer(
      'CognitoAuthorizer',
      `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );

    this.httpApi = new HttpApi(this, 'Api', {
      // Not a unique key for API Gateway; it only tells brokerages apart in the console.
      apiName: Stack.of(this).stackName,
      description: `Lead CRM API for ${config.displayName}`,
      createDefaultStage: false,
      // Anything added outside the route table is protected unless it opts out explicitly.
      defaultAuthorizer: authorizer,
      corsPreflight:
        config.corsOrigins.length > 0
          ? {
              allowOrigins: config.corsOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.PUT,
                CorsHttpMethod.DELETE,
                CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
              exposeHeaders: ['etag', 'location'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    // Under /aws/vendedlogs/: API Gateway then needs no entry in the account-wide CloudWatch Logs
    // resource policy (5,120 characters, which a few stacks in one account exhaust); the stack's
    // name keeps the group apart from every other brokerage's.
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/vendedlogs/${Stack.of(this).stackName}/http-api-access`,
      retention: config.logRetentionDays,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottle.rateLimit, burstLimit: config.apiThrottle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });

    const functions = new Map<string, AppFunction>();
    const routeKeys = new Set<string>();
    const publicRoutes: HttpRoute[] = [];
    const publicRouteKeys: string[] = [];
    for (const route of props.routes) {
      const routeKey = `${route.method} ${route.path}`;
      if (routeKeys.has(routeKey)) throw new Error(`Route ${routeKey} is listed twice in schemas/routes.ts.`);
      routeKeys.add(routeKey);
      const reasonToBePublic = route.auth === 'public' ? publicRouteReason(route) : undefined;

      const fn = new AppFunction(this, route.id, {
        config,
        entry: route.handler,
        projectRoot: props.projectRoot,
        description: routeKey,
      }).bindAccess(route.access, props.resources);
      functions.set(route.id, fn);

      const httpRoute = new HttpRoute(this, `${route.id}Route`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn.lambda),
        authorizer: route.auth === 'jwt' ? authorizer : new HttpNoneAuthorizer(),
      });
      if (reasonToBePublic) {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: reasonToBePublic });
        publicRoutes.push(httpRoute);
        publicRouteKeys.push(routeKey);
      }
    }
    this.functions = functions;
    this.publicRouteKeys = publicRouteKeys;

    // Route settings name routes by key: the stage is created after them, or CloudFormation cannot find them.
    // Never above the stage's own limits: a route setting replaces the stage's for that route.
    const { apiThrottle } = config;
    const rateLimit = Math.min(apiThrottle.publicRoute.rateLimit, apiThrottle.rateLimit);
    const burstLimit = Math.min(apiThrottle.publicRoute.burstLimit, apiThrottle.burstLimit);
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      publicRouteKeys.map((routeKey) => [
        routeKey,
        // A JSON property: CloudFormation's own casing, which CDK does not convert.
        { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
      ]),
    );
    for (const route of publicRoutes) this.stage.node.addDependency(route);
  }

  /** The invoke URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }
}
