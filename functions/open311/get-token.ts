// GET /open311/v2/tokens/{token}.{json|xml}: requests are realtime here (the id is the answer), so no token names one.
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Open311Error } from './format.ts';
import { respond } from './respond.ts';

export const handler = httpHandler(routes.open311Token, async ({ params }) => respond(params.file, async (token) => {
  throw new Open311Error(404, `没有这个 token；本区的服务类型为 realtime，提交时即返回编号 (token ${token.slice(0, 40)} not found)`);
}));
