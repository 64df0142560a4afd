import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { listRegisterVersions } from './compound-store.ts';

export const handler = httpHandler(routes.registerVersions, async ({ params }) => ({
  versions: (await listRegisterVersions(params.compoundId)).map(({ et: _et, ...v }) => v),
}));
