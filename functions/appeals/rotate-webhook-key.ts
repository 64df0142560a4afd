import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { rotateWebhookKey } from './webhook-key.ts';

export const handler = httpHandler(routes.webhookKeyRotate, async (_input, { principal }) => new HttpResult(201, await rotateWebhookKey(principal)));
