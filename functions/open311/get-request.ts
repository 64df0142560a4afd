// GET /open311/v2/requests/{service_request_id}.{json|xml}
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { listBody } from './format.ts';
import { oneRequest } from './georeport.ts';
import { respond } from './respond.ts';

export const handler = httpHandler(routes.open311Request, async ({ params }) => respond(params.file, async (id, format) => listBody(format, 'service_requests', await oneRequest(id))));
