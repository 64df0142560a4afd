import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Unauthorized } from '../../shared/errors.ts';

/**
 * Who the staff token names here, read through the district's claim mapping: the admin page
 * asks this right after sign-in, so a person with no usable role or scope is told why at once
 * (403 staff_claims from the middleware) instead of meeting empty pages.
 */
export const handler = httpHandler(routes.staffMe, async (_input, { principal }) => {
  if (principal.kind !== 'staff') throw new Unauthorized();
  return { sub: principal.sub, name: principal.name, role: principal.role, scopeId: principal.scopeId };
});
