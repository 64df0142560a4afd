import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { takeStep } from './steps.ts';

export const handler = httpHandler(routes.caseStep, async ({ params, body }, { principal }) => takeStep(params.caseId, body, principal as never));
