import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { take } from '../lib/rate-limit.ts';
import { appealSeed, uploadForms } from '../photos/bucket.ts';

export const handler = httpHandler(routes.appealPhotoUploads, async ({ body }, { clientAddress }) => {
  // A page asks once per send (a resend asks again): enough for a few tries of a few appeals.
  await take({ name: 'appeal-photo-forms', key: clientAddress, max: 30, windowSeconds: 3600 });
  return uploadForms(appealSeed(body.idempotencyKey), body.types);
});
