// POST /open311/v2/requests.{json|xml}: form-encoded (parameters read from the body and the query, as clients differ).
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { formFields, listBody, Open311Error } from './format.ts';
import { createRequest } from './georeport.ts';
import { respond } from './respond.ts';

export const handler = httpHandler(routes.open311Post, async ({ params, query, body }) => respond(params.resource, async (name, format) => {
  if (name !== 'requests') throw new Open311Error(404, `没有这个资源 (${name} not found)`);
  const { fields } = formFields(body as unknown as string, query);
  return listBody(format, 'service_requests', await createRequest(fields));
}));
