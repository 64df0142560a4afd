import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { issueApiKey } from './georeport.ts';

export const handler = httpHandler(routes.open311KeyIssue, async ({ body }, { principal }) => new HttpResult(201, await issueApiKey(body.name, principal)));
