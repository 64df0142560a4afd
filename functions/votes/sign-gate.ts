import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { signGate } from './election-store.ts';

export const handler = httpHandler(routes.electionGate, async ({ params, body }, { principal }) => signGate(params.compoundId, params.electionId, params.gate, body, principal));
