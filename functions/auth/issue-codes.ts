import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { issueCodes } from './codes-store.ts';

// The response is the only place the codes exist in clear: the page prints them at once.
export const handler = httpHandler(routes.codesIssue, async ({ params, body }, { principal }) =>
  new HttpResult(201, await issueCodes(params.compoundId, body, principal)));
