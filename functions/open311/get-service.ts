// GET /open311/v2/services/{service_code}.{json|xml}
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { objectBody } from './format.ts';
import { serviceDefinition } from './georeport.ts';
import { respond } from './respond.ts';

export const handler = httpHandler(routes.open311Service, async ({ params }) => respond(params.file, async (code, format) => objectBody(format, 'service_definition', await serviceDefinition(code))));
