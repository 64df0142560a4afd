// The local district's staff identity provider: a small OpenID Connect issuer that the page
// and the local host use exactly as they use a district's real one (a government identity
// platform, an IDaaS, Keycloak, or Cognito): discovery document, JWKS, an authorization
// endpoint with PKCE (S256 only) that lists the demo users instead of asking for a password,
// and a token endpoint that returns an RS256 ID token. Its claims are deliberately not
// Cognito's: roles in `roles` with values of its own, the scope in `gongzhi_scope`, so the
// claim mapping every external issuer needs is what runs every day.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, type CryptoKey as JoseKey } from 'jose';
import { jwtAuthorizer } from './jwt-authorizer.ts';
import type { StaffRole } from '../../shared/access.ts';
import type { StaffClaimMapping } from '../../shared/staff-claims.ts';

export const LOCAL_CLIENT_ID = 'gongzhi-local-admin';
/** Where the issuer lives under the local host. */
export const LOCAL_ISSUER_PATH = '/local/oidc';

/** The local issuer's claims, read through the same kind of mapping a district configures. */
export const LOCAL_STAFF_CLAIMS: StaffClaimMapping = {
  roleClaim: 'roles',
  scopeClaim: 'gongzhi_scope',
  nameClaim: 'name',
  roles: {
    'gongzhi-district-admin': 'district_admin',
    'gongzhi-street': 'street_staff',
    'gongzhi-community': 'community_staff',
    'gongzhi-committee': 'committee',
    'gongzhi-department': 'department',
    'gongzhi-dispatcher': 'dispatcher',
  },
};

const ROLE_VALUE = Object.fromEntries(Object.entries(LOCAL_STAFF_CLAIMS.roles).map(([value, role]) => [role, value])) as Record<StaffRole, string>;

export interface DemoUser { username: string; name: string; role: StaffRole; scopeId: string; scopeName: string }

/** Who a token is about, in our terms; `claimsOf` writes it in the issuer's claims. */
export interface StaffIdentity { sub: string; name?: string; role: StaffRole; scopeId: string }

export interface LocalAuth {
  users: DemoUser[];
  clientId: string;
  /** The issuer URL; known once the host listens (`listening`). */
  readonly issuer: string;
  listening(baseUrl: string): void;
  /** The claims the issuer puts in an ID token for this identity. */
  claimsOf(who: StaffIdentity): JWTPayload;
  /** An ID token for a demo user, as the token endpoint would give after a sign-in. */
  issue(username: string, ttlSeconds?: number): Promise<string>;
  /** A token signed by the issuer's key with any claims and expiry (null: no exp claim); for tests. */
  sign(claims: JWTPayload, expiresAt: number | null): Promise<string>;
  /** Claims of a valid token, or null: the decision API Gateway's JWT authorizer makes, made the way it makes it. */
  verify(token: string): Promise<JWTPayload | null>;
  /** Answers the issuer's endpoints; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

interface PendingCode { username: string; redirectUri: string; challenge: string; nonce?: string; expires: number }

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 8 * 3600;

async function loadKey(keyFile: string | null): Promise<{ privateKey: JoseKey; publicJwk: JWK; kid: string }> {
  if (keyFile && existsSync(keyFile)) {
    const saved = JSON.parse(readFileSync(keyFile, 'utf8'));
    // A key file of an older kind (the ES256 demo sign-in) is replaced, not misread.
    if (saved.alg === 'RS256') return { privateKey: (await importJWK(saved.private, 'RS256')) as JoseKey, publicJwk: saved.public, kid: saved.kid };
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const publicJwk = await exportJWK(publicKey);
  if (keyFile) writeFileSync(keyFile, JSON.stringify({ alg: 'RS256', kid, private: await exportJWK(privateKey), public: publicJwk }), { mode: 0o600 });
  return { privateKey, publicJwk, kid };
}

export async function localAuth(keyFile: string | null, users: DemoUser[]): Promise<LocalAuth> {
  const { privateKey, publicJwk, kid } = await loadKey(keyFile);
  let base = '';
  const issuer = () => {
    if (!base) throw new Error('the local issuer has no URL yet: call listening() once the host listens');
    return `${base}${LOCAL_ISSUER_PATH}`;
  };
  const redirectUri = () => `${base}/admin.html`;
  const codes = new Map<string, PendingCode>();

  const sign = (claims: JWTPayload, expiresAt: number | null) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).setIssuer(issuer()).setAudience(LOCAL_CLIENT_ID).setIssuedAt();
    return (expiresAt === null ? jwt : jwt.setExpirationTime(expiresAt)).sign(privateKey);
  };
  const claimsOf = (who: StaffIdentity): JWTPayload => ({ sub: who.sub, name: who.name ?? who.sub, roles: [ROLE_VALUE[who.role]], gongzhi_scope: who.scopeId });
  const tokenFor = (user: DemoUser, nonce?: string, ttlSeconds = TOKEN_TTL_S) => {
    const now = Math.floor(Date.now() / 1000);
    return sign({ ...claimsOf({ sub: user.username, name: user.name, role: user.role, scopeId: user.scopeId }), auth_time: now, ...(nonce ? { nonce } : {}) }, now + ttlSeconds);
  };

  // Verified as API Gateway verifies: discovery and JWKS over HTTP, so a broken discovery
  // document breaks local sign-in too.
  const verify = jwtAuthorizer({ issuer, audience: LOCAL_CLIENT_ID });

  return {
    users,
    clientId: LOCAL_CLIENT_ID,
    get issuer() {
      return issuer();
    },
    listening(baseUrl) {
      base = baseUrl.replace(/\/$/, '');
    },
    claimsOf,
    sign,
    async issue(username, ttlSeconds) {
      const user = users.find((u) => u.username === username);
      if (!user) throw new Error(`no demo user ${username}`);
      return tokenFor(user, undefined, ttlSeconds);
    },
    verify,
    async handle(req, res, url) {
      if (!url.pathname.startsWith(`${LOCAL_ISSUER_PATH}/`)) return false;
      const path = url.pathname.slice(LOCAL_ISSUER_PATH.length);
      if (path === '/.well-known/openid-configuration' && req.method === 'GET') {
        json(res, 200, {
          issuer: issuer(),
          authorization_endpoint: `${issuer()}/authorize`,
          token_endpoint: `${issuer()}/token`,
          jwks_uri: `${issuer()}/jwks.json`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
          scopes_supported: ['openid', 'profile'],
          claims_supported: ['sub', 'name', 'roles', 'gongzhi_scope', 'auth_time', 'nonce'],
        });
        return true;
      }
      if (path === '/jwks.json' && req.method === 'GET') {
        json(res, 200, { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] });
        return true;
      }
      if (path === '/authorize' && (req.method === 'GET' || req.method === 'POST')) {
        const params = req.method === 'GET' ? url.searchParams : new URLSearchParams(await readBody(req));
        const request = authorizationRequest(params, redirectUri());
        // A bad client or redirect is shown here, never sent anywhere (RFC 6749 4.1.2.1).
        if ('page' in request) return page(res, 400, errorPage(request.page)), true;
        if ('error' in request) return redirect(res, withQuery(request.redirectUri, { error: request.error, error_description: request.description, state: request.state })), true;
        if (req.method === 'GET') return page(res, 200, chooserPage(users, params)), true;
        const user = users.find((u) => u.username === params.get('username'));
        if (!user) return page(res, 400, chooserPage(users, params, '请选择一个演示账号 · Choose a demo user')), true;
        const code = randomBytes(32).toString('base64url');
        codes.set(code, { username: user.username, redirectUri: request.redirectUri, challenge: request.challenge, nonce: request.nonce, expires: Date.now() + CODE_TTL_MS });
        for (const [c, p] of codes) if (p.expires < Date.now()) codes.delete(c);
        redirect(res, withQuery(request.redirectUri, { code, state: request.state }));
        return true;
      }
      if (path === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const fail = (error: string, description: string) => json(res, 400, { error, error_description: description });
        if (form.get('grant_type') !== 'authorization_code') return fail('unsupported_grant_type', 'grant_type must be authorization_code'), true;
        if (form.get('client_id') !== LOCAL_CLIENT_ID) return json(res, 401, { error: 'invalid_client', error_description: 'unknown client_id' }), true;
        const code = form.get('code') ?? '';
        const pending = codes.get(code);
        // A code is good once, whatever the outcome of that one try.
        codes.delete(code);
        if (!pending || pending.expires < Date.now()) return fail('invalid_grant', 'the code is unknown, used or expired'), true;
        if (form.get('redirect_uri') !== pending.redirectUri) return fail('invalid_grant', 'redirect_uri differs from the authorization request'), true;
        const verifier = form.get('code_verifier') ?? '';
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return fail('invalid_request', 'code_verifier must be 43 to 128 unreserved characters'), true;
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!sameString(challenge, pending.challenge)) return fail('invalid_grant', 'code_verifier does not match the code_challenge'), true;
        const user = users.find((u) => u.username === pending.username)!;
        const idToken = await tokenFor(user, pending.nonce);
        json(res, 200, { id_token: idToken, token_type: 'Bearer', expires_in: TOKEN_TTL_S });
        return true;
      }
      json(res, 404, { error: 'not_found', error_description: `no ${req.method} ${url.pathname} on the local issuer` });
      return true;
    },
  };
}

type AuthorizationRequest =
  | { page: string }
  | { error: string; description: string; redirectUri: string; state: string }
  | { redirectUri: string; challenge: string; state: string; nonce?: string };

/** Checks an authorization request the way a strict provider does. */
export function authorizationRequest(p: URLSearchParams, registeredRedirect: string): AuthorizationRequest {
  if (p.get('client_id') !== LOCAL_CLIENT_ID) return { page: `未知的应用（client_id）· Unknown client_id: expected ${LOCAL_CLIENT_ID}` };
  const redirectUri = p.get('redirect_uri') ?? '';
  if (redirectUri !== registeredRedirect) return { page: `回调地址未登记（redirect_uri）· redirect_uri is not registered: expected ${registeredRedirect}` };
  const state = p.get('state') ?? '';
  const fail = (error: string, description: string) => ({ error, description, redirectUri, state });
  if (p.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (!(p.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope', 'scope must include openid');
  if (p.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256 (PKCE)');
  const challenge = p.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters)');
  if (state.length > 512) return fail('invalid_request', 'state is too long');
  const nonce = p.get('nonce') ?? undefined;
  if (nonce !== undefined && nonce.length > 512) return fail('invalid_request', 'nonce is too long');
  return { redirectUri, challenge, state, nonce };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) break;
  }
  return body;
}

function withQuery(base: string, q: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(q)) if (v) url.searchParams.set(k, v);
  return url.href;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
  res.end(html);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;line-height:1.5}fieldset{border:1px solid #888;border-radius:.5rem}label{display:block;padding:.5rem 0}button{font-size:1rem;padding:.6rem 1.2rem;margin-top:1rem}.error{color:#a00}';

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function errorPage(message: string): string {
  return shell('登录请求有误 · Bad sign-in request', `<h1>登录请求有误 · Bad sign-in request</h1><p class="error" role="alert">${escape(message)}</p>`);
}

function chooserPage(users: DemoUser[], params: URLSearchParams, error = ''): string {
  const hidden = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method']
    .filter((k) => params.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escape(params.get(k)!)}">`)
    .join('');
  const chosen = params.get('username') ?? users[0]?.username;
  const options = users.map((u) => `<label><input type="radio" name="username" value="${escape(u.username)}"${u.username === chosen ? ' checked' : ''}> ${escape(u.name)}（${escape(u.scopeName)}）</label>`).join('');
  return shell('本地身份认证 · Local sign-in', `<h1>本地身份认证 · Local sign-in</h1>
<p>这是本地演示的身份提供方，代替区统一身份认证平台：选择一个演示账号，无需密码。<br>The local demo identity provider, standing in for the district's: choose a demo user, no password.</p>
<form method="post" action="${LOCAL_ISSUER_PATH}/authorize">${hidden}<fieldset><legend>选择演示账号登录 · Sign in as a demo user</legend>${options}</fieldset>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}<button type="submit">登录 · Sign in</button></form>`);
}
