// The local API Gateway: turns HTTP requests into API Gateway v2 (payload 2.0) events for
// the manifest's handlers, serves the built pages on the same origin, and offers the dev
// sign-in. Like API Gateway, it verifies the JWT of routes that need one before the handler
// runs and answers 401 {"message":"Unauthorized"} itself when it is missing or invalid.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteDef } from '../../functions/manifest.ts';
import { authorizerOf, type Authorizer } from '../../shared/access.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { pageSecurityHeaders } from '../security-headers.ts';
import { lambdaContext } from './lambda-context.ts';
import { isApiPath } from '../paths.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit is 10 MB; Lambda's is 6 MB, which is the one that bites. */
const MAX_PAYLOAD = 6 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};

/** The deployed pages' security headers (CloudFront's policy is built from the same module). */
const PAGE_HEADERS = pageSecurityHeaders();

/** A path API Gateway or CloudFront could not decode: bad percent-encoding or invalid UTF-8. */
function undecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

interface CompiledRoute { def: RouteDef; pattern: RegExp; names: string[] }

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = def.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { def, pattern: new RegExp(`^${source}$`), names };
}

function textual(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))|\+json/.test(contentType);
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface HostOptions {
  routes: RouteDef[];
  functionsDir: string;
  webDir: string;
  /** Claims of a valid token for that authorizer, or null: API Gateway's decision. */
  verify: (authorizer: Exclude<Authorizer, 'none'>, token: string) => Promise<Record<string, unknown> | null>;
  /** Extra local-only endpoints under /local/. */
  localApi?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /**
   * The origin the district names itself by (its staff issuer and redirect URI use it): a page
   * asked for under another name (localhost for 127.0.0.1) is redirected there, or sign-in
   * would fail on the browser's same-origin rules.
   */
  canonicalOrigin?: () => string | undefined;
  onError: (e: unknown) => void;
}

export function createHost(o: HostOptions): Server {
  const compiled = o.routes.map(compile);
  const loaded = new Map<string, Promise<HttpHandler>>();
  const load = (module: string) => {
    let p = loaded.get(module);
    if (!p) {
      p = import(pathToFileURL(join(o.functionsDir, `${module}.ts`)).href).then((m) => m.handler as HttpHandler);
      loaded.set(module, p);
    }
    return p;
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  // Pages get plain text, with the page headers like every other page answer.
  const plain = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS });
    res.end(text);
  };
  // A request no handler can take: the API answers the project's one error shape
  // (functions/lib/http.ts), a page a plain 400.
  const malformed = (res: ServerResponse, isApi: boolean, field: 'path' | 'headers.host') =>
    isApi
      ? json(res, 400, { error: { code: 'malformed_request', message: field === 'path' ? 'The path is not valid percent-encoded UTF-8' : 'The Host header is not valid', fields: [{ path: field, reason: field === 'path' ? 'not valid percent-encoding' : 'not a valid host' }], correlationId: randomUUID() } } satisfies ErrorBody)
      : plain(res, 400, 'Bad request — 请求地址有误.');

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    // Every route parameter is decoded below; a path that does not decode is refused first.
    if (undecodable(url.pathname)) return malformed(res, true, 'path');
    const match = compiled.map((r) => ({ r, m: r.def.method === method ? r.pattern.exec(url.pathname) : null })).find((x) => x.m);
    if (!match) return json(res, 404, { message: 'Not Found' });
    const { r, m } = match as { r: CompiledRoute; m: RegExpExecArray };
    const raw = await readBody(req);
    if (raw === 'too_large') return json(res, 413, { message: 'Request Entity Too Large' });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    let authorizer: { jwt: { claims: Record<string, unknown>; scopes: null } } | undefined;
    const kind = authorizerOf(r.def.access);
    if (kind !== 'none') {
      const token = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
      const claims = token ? await o.verify(kind, token) : null;
      if (!claims) return json(res, 401, { message: 'Unauthorized' });
      authorizer = { jwt: { claims: asApiGatewayClaims(claims), scopes: null } };
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const params: Record<string, string> = {};
    // Cannot throw: the whole path decoded above.
    r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
    const isText = textual(headers['content-type']);
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: `${r.def.method} ${r.def.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: r.names.length ? params : undefined,
      requestContext: {
        accountId: '000000000000', apiId: 'local', domainName: url.host, domainPrefix: 'local',
        http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(), routeKey: `${r.def.method} ${r.def.path}`, stage: '$default', time: now.toUTCString(), timeEpoch: now.getTime(),
        ...(authorizer ? { authorizer } : {}),
      },
      body: raw.length ? (isText ? raw.toString('utf8') : raw.toString('base64')) : undefined,
      isBase64Encoded: raw.length > 0 && !isText,
    } as APIGatewayProxyEventV2;
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await (await load(r.def.handler))(event, lambdaContext(r.def.handler, r.def.timeoutSeconds ?? 10));
    } catch (error) {
      // What Lambda + API Gateway return when a function throws past its own error handling.
      o.onError(error);
      return json(res, 500, { message: 'Internal Server Error' });
    }
    const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>) });
    res.end(body);
  };

  // As CloudFront does for the pages (its behaviours compress): gzip text when asked, so the
  // page sizes a phone sees locally are the ones it would see deployed.
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();
  const page = async (res: ServerResponse, pathname: string, acceptEncoding = '') => {
    if (undecodable(pathname)) return malformed(res, false, 'path');
    const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(o.webDir, clean);
    if (!file.startsWith(o.webDir)) return json(res, 404, { message: 'Not Found' });
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      if (!extname(file)) file = `${file}.html`;
    }
    try {
      let content: Buffer = await readFile(file);
      const hashed = /\/assets\//.test(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const compress = /\bgzip\b/.test(acceptEncoding) && /text|javascript|json|svg/.test(type);
      if (compress) {
        const { mtimeMs } = await stat(file);
        const cached = gzipped.get(file);
        if (cached?.mtimeMs === mtimeMs) content = cached.body;
        else {
          content = gzipSync(content, { level: 9 });
          gzipped.set(file, { mtimeMs, body: content });
        }
      }
      res.writeHead(200, { 'content-type': type, 'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache', ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}), ...PAGE_HEADERS });
      res.end(content);
    } catch {
      plain(res, 404, 'Not found — 页面不存在. Run `npm run build:web` if the pages are missing.');
    }
  };

  return createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      // A Host header no URL can be made of: refused, rather than a throw that ends the process.
      return malformed(res, isApiPath(req.url ?? ''), 'headers.host');
    }
    const canonical = o.canonicalOrigin?.();
    if (canonical && url.origin !== canonical && !isApiPath(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(308, { location: `${canonical}${url.pathname}${url.search}` });
      res.end();
      return;
    }
    const done = (async () => {
      if (isApiPath(url.pathname)) return api(req, res, url);
      // What CloudFront serves from the bucket as /config.json, the local district answers itself.
      if (url.pathname === '/config.json' && o.localApi) url.pathname = '/local/config.json';
      if (url.pathname.startsWith('/local/') && o.localApi && (await o.localApi(req, res, url))) return;
      return page(res, url.pathname, String(req.headers['accept-encoding'] ?? ''));
    })();
    done.catch((error) => {
      o.onError(error);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
}

/**
 * The claims as API Gateway's HTTP API JWT authorizer hands them to Lambda: every value a
 * string, numbers written out, arrays as "[a b]", objects as JSON. Handlers see here what
 * they see on AWS, so code that expects a number or an array fails locally too.
 */
export function asApiGatewayClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    if (v === null || v === undefined) continue;
    out[k] = Array.isArray(v) ? `[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}
