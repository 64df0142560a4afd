// The one middleware stack every HTTP handler is wrapped in. Handlers are plain async
// functions: typed input and a principal in, data out or a typed DomainError thrown.
import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { ORIGIN_HEADER } from './signals.ts';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import { gzipSync } from 'node:zlib';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../shared/zod-en.ts';
import { chineseIssue } from '../../shared/zod-zh.ts';
import { langOf, sayRefusal, type Lang } from '../../shared/refusal-words.ts';
import { BadRequest, DomainError, Forbidden, NotFound, Unauthorized, type ErrorBody, type FieldIssue } from '../../shared/errors.ts';
import { inDepartmentScope, inScope, type Ancestry, type Principal } from '../../shared/access.ts';
import type { RouteDef } from '../manifest.ts';
import { logger } from './logger.ts';
import { claimsOf, principalFromEvent, staffRefusalOf } from './principal.ts';
import { auditFirstUse, signInAuditEnabled } from './sign-in-audit.ts';
import { STAFF_REFUSAL_MESSAGES } from '../../shared/staff-claims.ts';
import { communityAncestry, compoundAncestry } from './ancestry.ts';
import { checkCampaignScope } from './campaign-scope.ts';
import { checkCaseScope } from './case-scope.ts';

const DEFAULT_MAX_BODY = 64 * 1024;

export class HttpResult {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** A non-JSON response such as a CSV download. */
export class RawResult {
  constructor(
    readonly contentType: string,
    readonly body: string,
    readonly fileName?: string,
    /** A refusal in another contract's own shape (Open311's errors) carries its status here. */
    readonly statusCode = 200,
  ) {}
}

type Infer<T> = [NonNullable<T>] extends [z.core.$ZodType] ? z.output<NonNullable<T>> : undefined;

export interface HandlerContext {
  principal: Principal;
  correlationId: string;
  /** Set for routes whose scope rule is 'compound' and whose compound exists. */
  ancestry: Ancestry | null;
  /** The community a body's communityId names, checked to exist and be in scope. */
  targetCommunity: Ancestry | null;
  /** The viewer's address for rate limits: CloudFront's viewer address on AWS, the socket's locally. */
  clientAddress: string;
  /** The request's headers, lower-case names. */
  headers: Record<string, string | undefined>;
}

export type RouteHandler<R extends RouteDef> = (
  input: { params: Infer<R['params']>; query: Infer<R['query']>; body: Infer<R['body']> },
  ctx: HandlerContext,
) => Promise<unknown>;

interface State extends HandlerContext {
  input: { params: unknown; query: unknown; body: unknown };
}

type Request = middy.Request<APIGatewayProxyEventV2 & { body?: unknown }, APIGatewayProxyStructuredResultV2, Error, Context>;

function zodFields(error: z.core.$ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), reason: i.message }));
}

function parsePart(schema: z.core.$ZodType | undefined, value: unknown, prefix: string, fields: FieldIssue[], lang: Lang): unknown {
  if (!schema) return undefined;
  // zod's own rules in plain Chinese to a zh-CN reader; a schema's own message still wins (and is translated with the answer).
  const result = z.safeParse(schema, value ?? {}, lang === 'zh' ? { error: chineseIssue } : undefined);
  if (!result.success) {
    fields.push(...zodFields(result.error, prefix));
    return undefined;
  }
  return result.data;
}

const CORRELATION = /^[A-Za-z0-9._-]{6,64}$/;

export { ORIGIN_HEADER };

function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * CloudFront-Viewer-Address is "IP:port" (IPv6 without brackets). An IPv6 viewer is keyed by
 * its /64, which one household holds whole.
 */
export function viewerKey(header: string | undefined): string | null {
  const match = header?.trim().match(/^(.+):(\d{1,5})$/);
  if (!match) return null;
  const ip = match[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip) || ip.includes('.')) return null;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * On AWS the API answers only requests that came through the district's CloudFront, which
 * adds the origin secret; only those carry a viewer address that can be trusted for limits.
 * Locally (no secret set) the address is the socket's.
 */
export function clientAddressOf(event: APIGatewayProxyEventV2, secret = process.env.ORIGIN_SECRET): string {
  const sourceIp = event.requestContext?.http?.sourceIp ?? 'unknown';
  if (!secret) return sourceIp;
  if (!sameSecret(event.headers?.[ORIGIN_HEADER], secret)) throw new Forbidden('Use the district\'s site; the API does not answer requests that bypass it');
  return viewerKey(event.headers?.['cloudfront-viewer-address']) ?? sourceIp;
}

function langOfEvent(event: APIGatewayProxyEventV2): Lang {
  return langOf(event.headers?.['accept-language'] ?? event.headers?.['Accept-Language']);
}

function correlationIdOf(event: APIGatewayProxyEventV2): string {
  const given = event.headers?.['x-correlation-id'];
  return given && CORRELATION.test(given) ? given : (event.requestContext?.requestId ?? 'local');
}

function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

function errorResponse(err: unknown, correlationId: string, lang: Lang): APIGatewayProxyStructuredResultV2 {
  let status = 500;
  let headers: Record<string, string> = {};
  let body: ErrorBody['error'] = { code: 'internal', message: 'Internal error', fields: [], correlationId };
  if (err instanceof DomainError) {
    status = err.status;
    headers = err.headers;
    body = { code: err.code, message: err.message, fields: err.fields, correlationId };
  } else if (err && typeof err === 'object' && 'statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    // middy's own http errors: 415 from the JSON parser stays 415; its 422 for malformed
    // JSON is a bad request like any other.
    const code = err.statusCode;
    if (code === 415) {
      status = 415;
      body = { code: 'unsupported_media_type', message: 'Send application/json', fields: [{ path: 'headers.content-type', reason: 'must be application/json' }], correlationId };
    } else {
      status = 400;
      body = { code: 'malformed_json', message: 'The body is not valid JSON', fields: [{ path: 'body', reason: 'not valid JSON' }], correlationId };
    }
  }
  if (status >= 500) logger.error('unhandled error', { error: err as Error, correlationId });
  else logger.info('request refused', { status, code: body.code, correlationId });
  // In the reader's language (Accept-Language), instants in Beijing time; the code and the
  // paths stay as they are for programs.
  body = { ...body, message: sayRefusal(body.message, lang), fields: body.fields.map((f) => ({ path: f.path, reason: sayRefusal(f.reason, lang) })) };
  return jsonResponse(status, { error: body } satisfies ErrorBody, headers);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MW = middy.MiddlewareObj<any, any, any, any>;

const states = new WeakMap<object, State>();

function toResponse(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result instanceof RawResult) {
    const headers: Record<string, string> = { 'content-type': result.contentType, 'cache-control': 'no-store' };
    if (result.fileName) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(result.fileName)}`;
    return { statusCode: result.statusCode, headers, body: result.body };
  }
  if (result instanceof HttpResult) return jsonResponse(result.statusCode, result.body, result.headers);
  return jsonResponse(200, result ?? {});
}

/**
 * A larger answer gzipped when the caller takes it: CloudFront does not compress what it does
 * not cache (the API's behaviour caches nothing), and the district's structure or a month's
 * report is tens of KB, seconds on a slow phone network.
 */
export function compressed(response: APIGatewayProxyStructuredResultV2, acceptEncoding: string | undefined): APIGatewayProxyStructuredResultV2 {
  const body = response.body;
  const type = String(response.headers?.['content-type'] ?? '');
  if (!body || response.isBase64Encoded || body.length < 1024 || !/json|text|xml|csv/.test(type)) return response;
  const gzip = (acceptEncoding ?? '').split(',').map((p) => p.trim().toLowerCase().split(';')).find(([coding]) => coding === 'gzip' || coding === '*');
  // Eligible either way: a shared cache must know the answer depends on Accept-Encoding.
  if (!gzip || gzip.slice(1).some((param) => /^\s*q=0(\.0*)?\s*$/.test(param))) return { ...response, headers: { ...response.headers, vary: 'accept-encoding' } };
  return { ...response, headers: { ...response.headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }, isBase64Encoded: true, body: gzipSync(body).toString('base64') };
}

export function httpHandler<R extends RouteDef>(route: R, fn: RouteHandler<R>) {
  const maxBody = route.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const stateOf = (request: Request) => states.get(request.context)!;

  const errors = {
    before: (request: Request) => {
      const correlationId = correlationIdOf(request.event);
      logger.appendKeys({ correlationId, route: `${route.method} ${route.path}` });
      states.set(request.context, { correlationId, principal: { kind: 'public' }, input: { params: undefined, query: undefined, body: undefined }, ancestry: null, targetCommunity: null, clientAddress: request.event.requestContext?.http?.sourceIp ?? 'unknown', headers: {} });
    },
    onError: (request: Request) => {
      request.response = errorResponse(request.error, states.get(request.context)?.correlationId ?? correlationIdOf(request.event), langOfEvent(request.event));
    },
  };

  const limitAndAuthenticate = {
    before: async (request: Request) => {
      const state = stateOf(request);
      const raw = request.event.body;
      const size = typeof raw === 'string' ? Buffer.byteLength(raw, request.event.isBase64Encoded ? 'base64' : 'utf8') : 0;
      if (size > maxBody) {
        throw new DomainError(413, 'body_too_large', `Body larger than ${maxBody} bytes`, [{ path: 'body', reason: `at most ${maxBody} bytes` }]);
      }
      state.clientAddress = clientAddressOf(request.event);
      state.principal = principalFromEvent(request.event as never);
      const access = route.access;
      if ('public' in access) {
        // nothing to check
      } else if ('residents' in access) {
        if (state.principal.kind !== 'resident') throw new Unauthorized();
        if (!access.residents.includes(state.principal.purpose.kind)) throw new Forbidden('This code is for another purpose');
      } else {
        if (state.principal.kind !== 'staff') {
          // A token the authorizer accepted that names nobody here: say why, so the person can
          // tell their administrator (a role or scope missing at the identity provider).
          const refusal = staffRefusalOf(request.event as never);
          if (refusal) throw new DomainError(403, 'staff_claims', STAFF_REFUSAL_MESSAGES[refusal][langOfEvent(request.event)], [{ path: 'token', reason: refusal }]);
          throw new Unauthorized();
        }
        if (!access.roles.includes(state.principal.role)) throw new Forbidden();
        if (signInAuditEnabled()) await auditFirstUse(state.principal, claimsOf(request.event as never) ?? {});
      }
      if (!route.body && typeof raw === 'string' && raw.length > 0) {
        throw new BadRequest('This route takes no body', [{ path: 'body', reason: 'must be empty' }]);
      }
    },
  };

  const validateAndScope = {
    before: async (request: Request) => {
      const state = stateOf(request);
      const fields: FieldIssue[] = [];
      const lang = langOfEvent(request.event);
      const params = parsePart(route.params, request.event.pathParameters, 'params', fields, lang);
      const query = parsePart(route.query, request.event.queryStringParameters, 'query', fields, lang);
      const rawBody = typeof request.event.body === 'string' ? (request.event.isBase64Encoded ? Buffer.from(request.event.body, 'base64').toString('utf8') : request.event.body) : '';
      const body = route.rawBody ? rawBody : parsePart(route.body, request.event.body, 'body', fields, lang);
      if (fields.length > 0) throw new BadRequest('The request is not valid', fields, 'validation_failed');
      state.input = { params, query, body };
      state.headers = request.event.headers ?? {};
      if (!('roles' in route.access) || route.access.scope === 'own') return;
      const principal = state.principal as Extract<Principal, { kind: 'staff' }>;
      if (route.access.scope === 'case') {
        await checkCaseScope(principal, (params as { caseId: string }).caseId);
        return;
      }
      if (route.access.scope === 'campaign') {
        const given = body && typeof body === 'object' && 'compoundIds' in body ? (body.compoundIds as string[]) : null;
        await checkCampaignScope(principal, (params as { campaignId: string }).campaignId, given, route.method !== 'GET');
        return;
      }
      if (route.access.scope === 'community') {
        const community = await communityAncestry((params as { communityId: string }).communityId);
        if (!community) throw new NotFound('Community');
        if (!inScope(principal, community)) throw new Forbidden('This community is outside your scope');
        state.targetCommunity = community;
        return;
      }
      if (route.access.scope === 'department') {
        if (!inDepartmentScope(principal, (params as { departmentId: string }).departmentId)) throw new Forbidden('This department is not yours');
        return;
      }
      const { compoundId } = params as { compoundId: string };
      const existing = await compoundAncestry(compoundId);
      state.ancestry = existing;
      // A body that puts the compound in a community needs scope there too: a compound
      // cannot be moved out of, or created outside, the caller's reach.
      if (body && typeof body === 'object' && 'communityId' in body) {
        const community = await communityAncestry(String(body.communityId));
        if (!community) throw new BadRequest('Unknown community', [{ path: 'body.communityId', reason: 'no such community' }]);
        state.targetCommunity = community;
        if (!inScope(principal, { ...community, compoundId })) throw new Forbidden('The community is outside your scope');
      } else if (!existing) {
        throw new NotFound('Compound');
      }
      if (existing && !inScope(principal, existing)) throw new Forbidden('This compound is outside your scope');
    },
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }) as MW)
    .use(httpSecurityHeaders({ contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'" } } as never) as MW)
    // Used after the security headers so that its onError (run in reverse order) shapes the
    // response first and the headers are then added to errors too.
    .use(errors as MW)
    .use(httpHeaderNormalizer() as MW)
    .use(limitAndAuthenticate as MW)
    .use((route.body && !route.rawBody ? httpJsonBodyParser() : { before: () => undefined }) as MW)
    .use(validateAndScope as MW)
    .handler(async (event, context) => {
      const { input, ...ctx } = states.get(context)!;
      const result = await fn(input as never, ctx);
      return compressed(toResponse(result), event.headers?.['accept-encoding']);
    });
}
