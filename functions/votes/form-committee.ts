import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { formCommittee } from './election-store.ts';

export const handler = httpHandler(routes.committeeForm, async ({ params }, { principal }) => new HttpResult(201, await formCommittee(params.compoundId, params.electionId, principal)));
