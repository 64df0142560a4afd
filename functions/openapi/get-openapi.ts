import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { openApiDocument } from './document.ts';

let cached: string | undefined;

/** The API description, made once per container (it is the manifest's, which a deployment fixes). */
export const handler = httpHandler(routes.openApi, async () => {
  cached ??= JSON.stringify(openApiDocument());
  return new RawResult('application/json; charset=utf-8', cached);
});
