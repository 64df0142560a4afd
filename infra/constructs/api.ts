import { Lazy, NestedStack, Validations } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { RouteDef } from '../../functions/manifest.ts';
import { authorizerOf } from '../../shared/access.ts';
import { RESIDENT_AUDIENCE } from '../../shared/codes.ts';
import { GongzhiFunction } from './function.ts';
import type { Photos } from './photos.ts';

/** Function construct ids from module paths: 'registry/get-tree' -> 'RegistryGetTree'. */
export function functionId(module: string): string {
  return module.split(/[/-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

export interface ApiProps {
  routes: RouteDef[];
  table: TableV2;
  keysTable: TableV2;
  environment: Record<string, string>;
  /** The staff tokens' issuer (Cognito's, or the district's own OIDC issuer) and audience. */
  staffIssuer: string;
  staffAudience: string;
  throttle: { rate: number; burst: number };
  /** The site's URL (CloudFront, made after the API): the resident issuer lives under it. */
  siteUrl: () => string;
  /** The appeal photo bucket, for the routes whose manifest entry names a use of it. */
  photos: Photos;
}

/**
 * The HTTP API, one route and one function per manifest entry, JWT on every non-public route.
 * Each function keeps its own role and log group (least privilege, one place to read), which
 * is four resources a function: the functions of each capability (the folder under functions/)
 * live in a nested stack of their own, so a district never meets CloudFormation's 500
 * resources a stack as capabilities are added. A route is three resources (route, integration,
 * permission): the capabilities deployed before 2026-12 keep theirs in this stack, with the API
 * (moving a route between stacks fails the update: CloudFormation creates the new one, with the
 * same route key, before it deletes the old); every later capability's routes live in its nested
 * stack with its functions.
 */
const ROUTES_IN_PARENT = new Set(['audit', 'appeals', 'auth', 'open311', 'openapi', 'ratings', 'registry', 'resident', 'staff', 'votes']);

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions = new Map<string, GongzhiFunction>();
  private readonly capabilities = new Map<string, NestedStack>();

  /** The nested stack that holds a capability's functions. */
  private capability(handler: string): NestedStack {
    const name = handler.split('/')[0]!;
    let nested = this.capabilities.get(name);
    if (!nested) {
      nested = new NestedStack(this, `${functionId(name)}Functions`, { description: `gongzhi ${name} functions` });
      this.capabilities.set(name, nested);
    }
    return nested;
  }
  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'Http', { createDefaultStage: true, description: 'gongzhi district API' });
    const staff: IHttpRouteAuthorizer = new HttpJwtAuthorizer('Staff', props.staffIssuer, { jwtAudience: [props.staffAudience] });
    // Resident tokens are ours. API Gateway reads {issuer}/.well-known/openid-configuration and
    // its jwks_uri through the site, like any viewer: the API answers only requests that came
    // through CloudFront (the origin secret), so the issuer is the site's URL, not the API's.
    const residentIssuer = Lazy.string({ produce: () => `${props.siteUrl()}/api/auth/resident` });
    const resident: IHttpRouteAuthorizer = new HttpJwtAuthorizer('Resident', residentIssuer, { jwtAudience: [RESIDENT_AUDIENCE] });
    const authorizers = { staff, resident } as const;
    const environment = { ...props.environment, RESIDENT_ISSUER: residentIssuer };
    for (const route of props.routes) {
      let fn = this.functions.get(route.handler);
      if (!fn) {
        fn = new GongzhiFunction(this.capability(route.handler), functionId(route.handler), {
          module: route.handler,
          environment: { ...environment, ...(route.keys ? { KEYS_TABLE_NAME: props.keysTable.tableName } : {}), ...(route.photos ? { PHOTO_BUCKET: props.photos.bucketName } : {}) },
          timeoutSeconds: route.timeoutSeconds,
          memoryMb: route.memoryMb,
        });
        this.functions.set(route.handler, fn);
        if (route.keys) props.keysTable.grantReadWriteData(fn);
        if (route.photos) props.photos.grant(fn, route.photos);
      }
      if (route.method === 'GET') props.table.grantReadData(fn);
      else props.table.grantReadWriteData(fn);
      const integration = new HttpLambdaIntegration(`${functionId(route.handler)}-${route.method}`, fn);
      const authorizer = authorizerOf(route.access) === 'none' ? undefined : authorizers[authorizerOf(route.access) as 'staff' | 'resident'];
      const added = ROUTES_IN_PARENT.has(route.handler.split('/')[0]!)
        ? this.httpApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, ...(authorizer ? { authorizer } : {}) })
        : [new HttpRoute(this.capability(route.handler), `${route.method}${route.path}`, { httpApi: this.httpApi, routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]), integration, ...(authorizer ? { authorizer } : {}) })];
      if ('public' in route.access) {
        for (const r of added) Validations.of(r).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: `${route.method} ${route.path} is public by the manifest: published structure, notices and results that anyone may read.` });
      }
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.SIX_MONTHS });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // Ids, status and timing only: no query strings or bodies, which can carry personal data.
      format: JSON.stringify({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', latencyMs: '$context.responseLatency', integrationLatencyMs: '$context.integrationLatency', ip: '$context.identity.sourceIp', time: '$context.requestTime', error: '$context.error.message' }),
    };
    stage.defaultRouteSettings = { throttlingRateLimit: props.throttle.rate, throttlingBurstLimit: props.throttle.burst };
  }
}
