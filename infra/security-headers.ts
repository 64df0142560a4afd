// The security headers of every page, defined once. The local host sends them as they are
// (infra/local/http-host.ts); the CloudFront response headers policy of the deployed pages is
// built from the same values (infra/constructs/web.ts); the infra and local-host tests compare
// both with this module. No CDK import here: the local host loads it.
//
// API responses are not pages: their handlers send their own, stricter set (default-src 'none',
// functions/lib/http.ts).

/** Clickjacking: no page may be framed, here (X-Frame-Options) and in the CSP (frame-ancestors). */
export const FRAME_OPTIONS = 'DENY';
/** Page addresses may carry a household code (#code=...): never sent to another site. */
export const REFERRER_POLICY = 'no-referrer';
export const CONTENT_TYPE_OPTIONS = 'nosniff';
/** One year, subdomains too. Browsers ignore it over plain HTTP (the local host). */
export const HSTS = { maxAgeSeconds: 365 * 24 * 3600, includeSubdomains: true, preload: false } as const;
/** No page uses the camera, microphone, location, payment or USB. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * The pages' Content-Security-Policy. `connectSources` are origins the pages may fetch from
 * besides their own: deployed, the Cognito domain whose /oauth2/token the admin page calls
 * (web/src/lib/pkce.ts) and the photo bucket the appeal page uploads to; locally none (the dev
 * sign-in and the emulated bucket are same-origin).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = [], imageSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    // blob: for the appeal page's previews of the photos about to be sent; imageSources for
    // the photo bucket (deployed; locally the host serves it under its own origin).
    `img-src ${["'self'", 'data:', 'blob:', ...imageSources].join(' ')}`,
    // Svelte sets style attributes.
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function strictTransportSecurity(): string {
  return `max-age=${HSTS.maxAgeSeconds}${HSTS.includeSubdomains ? '; includeSubDomains' : ''}${HSTS.preload ? '; preload' : ''}`;
}

/** Every page security header as sent, by lower-case name. */
export function pageSecurityHeaders(o: { connectSources?: readonly string[]; imageSources?: readonly string[] } = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(o.connectSources, o.imageSources),
    'x-frame-options': FRAME_OPTIONS,
    'referrer-policy': REFERRER_POLICY,
    'x-content-type-options': CONTENT_TYPE_OPTIONS,
    'strict-transport-security': strictTransportSecurity(),
    'permissions-policy': PERMISSIONS_POLICY,
  };
}
