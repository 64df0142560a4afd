// Staff sign-in with OpenID Connect, authorization code + PKCE (RFC 7636): the page keeps no
// secret. One code path for every issuer a district may configure: Cognito (its endpoints are
// given in /config.json), a government identity platform, an IDaaS or Keycloak (endpoints read
// from the issuer's discovery document), and the local district's own issuer.
function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** What /config.json says about staff sign-in. */
export interface OidcConfig {
  kind: 'oidc';
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Given when the issuer's discovery document cannot be fetched from a page (Cognito). */
  endpoints?: Endpoints;
}
export interface Endpoints { authorization: string; token: string }

export async function endpointsOf(c: OidcConfig): Promise<Endpoints> {
  if (c.endpoints) return c.endpoints;
  const res = await fetch(`${c.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery failed: ${res.status}`);
  const d = (await res.json()) as { issuer?: string; authorization_endpoint?: string; token_endpoint?: string };
  // A discovery document for another issuer would send the password elsewhere.
  if (d.issuer !== c.issuer || !d.authorization_endpoint || !d.token_endpoint) throw new Error('discovery document does not match the issuer');
  return { authorization: d.authorization_endpoint, token: d.token_endpoint };
}

export async function authorizeUrl(c: OidcConfig, endpoints: Endpoints, p: { verifier: string; state: string; nonce: string }): Promise<string> {
  // prompt=login: the issuer asks again even if it remembers someone, so 退出 then 登录 on a
  // shared office computer never signs the next person in as the previous one.
  const q = new URLSearchParams({ response_type: 'code', client_id: c.clientId, redirect_uri: c.redirectUri, scope: 'openid profile', state: p.state, nonce: p.nonce, code_challenge_method: 'S256', code_challenge: await challengeOf(p.verifier), prompt: 'login' });
  const url = new URL(endpoints.authorization);
  for (const [k, v] of q) url.searchParams.set(k, v);
  return url.href;
}

/** The claims of a JWT, unverified: the page reads them only to check the nonce and show a name; the API verifies. */
export function claimsOf(token: string): Record<string, unknown> | null {
  try {
    // UTF-8 JSON in base64url; atob alone would garble Chinese names.
    const bytes = Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

export async function exchangeCode(c: OidcConfig, endpoints: Endpoints, code: string, verifier: string, nonce: string): Promise<string> {
  const res = await fetch(endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code, redirect_uri: c.redirectUri, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  const idToken = ((await res.json()) as { id_token?: string }).id_token;
  if (!idToken) throw new Error('no id_token in the answer');
  // The token must answer this page's own request (OIDC core 3.1.3.7, nonce).
  if (claimsOf(idToken)?.nonce !== nonce) throw new Error('the id_token answers another sign-in (nonce)');
  return idToken;
}
