import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { staffPhotos } from '../photos/bucket.ts';
import { addEvidence } from './project-store.ts';
import { withLinks } from './links.ts';

export const handler = httpHandler(routes.projectEvidence, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return withLinks(await addEvidence(params.communityId, params.projectId, params.milestoneId, body, principal, await staffPhotos(principal.sub, body)));
});
