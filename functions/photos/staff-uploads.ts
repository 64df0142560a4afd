import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { take } from '../lib/rate-limit.ts';
import { Forbidden } from '../../shared/errors.ts';
import { staffSeed, uploadForms } from './bucket.ts';

export const handler = httpHandler(routes.staffPhotoUploads, async ({ body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  // Forms are cheap to ask for but each is a place to upload 5 MB: bounded per person.
  await take({ name: 'staff-photo-forms', key: principal.sub, max: 60, windowSeconds: 3600 });
  return uploadForms(staffSeed(principal.sub, body.idempotencyKey), body.types);
});
