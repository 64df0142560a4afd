import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putTemplate } from './campaign-store.ts';

export const handler = httpHandler(routes.ratingTemplatePut, async ({ params, body }, { principal }) => putTemplate(params.templateId, body, principal));
