// Authorization code + PKCE (RFC 7636) for Cognito managed login: the page keeps no secret.
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

export interface CognitoConfig { kind: 'cognito'; domain: string; clientId: string; redirectUri: string }

export async function authorizeUrl(c: CognitoConfig, verifier: string, state: string): Promise<string> {
  const q = new URLSearchParams({ response_type: 'code', client_id: c.clientId, redirect_uri: c.redirectUri, scope: 'openid profile', state, code_challenge_method: 'S256', code_challenge: await challengeOf(verifier) });
  return `${c.domain}/oauth2/authorize?${q}`;
}

export async function exchangeCode(c: CognitoConfig, code: string, verifier: string): Promise<string> {
  const res = await fetch(`${c.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code, redirect_uri: c.redirectUri, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  return ((await res.json()) as { id_token: string }).id_token;
}
