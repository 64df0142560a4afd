// The API description, OpenAPI 3.1, generated from the manifest: every route with its path,
// query and body schemas (zod 4's JSON Schema output of the very schemas the middleware checks),
// who may call it, and the one error shape. The 12345 platform's two contracts are in it: the
// signed work-order webhook (a route) and the feedback the district sends back (`webhooks`).
import * as z from 'zod/mini';
import { allRoutes, type RouteDef } from '../manifest.ts';
import { PlatformFeedback } from '../../shared/appeals/schemas.ts';
import { SIGNATURE_HEADERS } from '../appeals/signature.ts';

type Json = Record<string, unknown>;

const jsonSchema = (schema: unknown): Json => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema as never, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs (e.g. validation_failed, stale_revision, bad_signature).' },
        message: { type: 'string', description: 'For people: Chinese when the request sends Accept-Language: zh-CN, English otherwise; instants in Beijing time.' },
        fields: { type: 'array', items: { type: 'object', required: ['path', 'reason'], properties: { path: { type: 'string', examples: ['body.callerPhone'] }, reason: { type: 'string' } } } },
        correlationId: { type: 'string' },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function security(route: RouteDef): Json[] | undefined {
  if ('residents' in route.access) return [{ resident: [] }];
  if ('roles' in route.access) return [{ staff: [] }];
  if (route.rawBody) return [{ signature: [], signatureTimestamp: [], signatureNonce: [] }];
  return [];
}

function who(route: RouteDef): string {
  if ('public' in route.access) return route.rawBody ? 'The district\'s 12345 platform, signed.' : 'Anyone.';
  if ('residents' in route.access) return `A household signed in with a code for: ${route.access.residents.join(', ')}.`;
  return `Staff: ${route.access.roles.join(', ')}; scope rule "${route.access.scope}".`;
}

function operation(route: RouteDef): Json {
  const parameters: Json[] = [];
  const props = (schema: unknown) => (jsonSchema(schema).properties ?? {}) as Record<string, Json>;
  const required = (schema: unknown) => new Set((jsonSchema(schema).required ?? []) as string[]);
  if (route.params) {
    for (const [name, schema] of Object.entries(props(route.params))) parameters.push({ name, in: 'path', required: true, schema });
  }
  if (route.query) {
    const req = required(route.query);
    for (const [name, schema] of Object.entries(props(route.query))) parameters.push({ name, in: 'query', required: req.has(name), schema });
  }
  return {
    operationId: route.handler.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    summary: `${route.method} ${route.path}`,
    description: who(route),
    tags: [route.handler.split('/')[0]],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } }, description: `At most ${route.maxBodyBytes ?? 65_536} bytes.` } } : {}),
    responses: {
      200: { description: 'Done (201 where a route creates a record).' },
      400: errorResponse('Not valid: each field with its reason.'),
      ...(security(route)?.length ? { 401: errorResponse('No valid token or signature.'), 403: errorResponse('Not allowed for this role or scope.') } : {}),
      404: errorResponse('Not found.'),
      409: errorResponse('Conflicts with what is stored (a stale revision, a step the state does not allow, a replayed nonce).'),
      413: errorResponse('Body too large.'),
      429: errorResponse('Too many attempts (Retry-After says when to try again).'),
    },
    ...(security(route) ? { security: security(route) } : {}),
  };
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of allRoutes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'gongzhi 共治 district API',
      version: '1',
      description: 'One district\'s API. Staff tokens come from the district\'s OpenID Connect issuer; household tokens from POST /api/auth/household. The 12345 platform signs each work order: HMAC-SHA256 with the district\'s key over "timestamp\\nnonce\\nraw body", hex, in x-gz-signature; x-gz-timestamp is Unix seconds within 5 minutes of the server\'s clock; x-gz-nonce is 16 to 64 of A-Za-z0-9_- and is accepted once.',
    },
    paths,
    webhooks: {
      platformFeedback: {
        post: {
          summary: 'What the district tells the 12345 platform about a work order',
          description: `POSTed to the district's appeals.platform.feedbackUrl, signed like the work orders (${Object.values(SIGNATURE_HEADERS).join(', ')}). Retried with growing waits until the platform answers 2xx; the same (orderNo, seq) may arrive twice.`,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(PlatformFeedback) } } },
          responses: { 200: { description: 'Received.' } },
        },
      },
    },
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        staff: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'ID token of the district\'s staff issuer.' },
        resident: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Household token from POST /api/auth/household.' },
        signature: { type: 'apiKey', in: 'header', name: SIGNATURE_HEADERS.signature, description: 'hex HMAC-SHA256 of "timestamp\\nnonce\\nraw body" with the district\'s webhook key.' },
        signatureTimestamp: { type: 'apiKey', in: 'header', name: SIGNATURE_HEADERS.timestamp },
        signatureNonce: { type: 'apiKey', in: 'header', name: SIGNATURE_HEADERS.nonce },
      },
    },
  };
}
