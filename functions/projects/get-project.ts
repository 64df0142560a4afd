import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { photoLinks } from '../photos/bucket.ts';
import { getProject, mayRead } from './project-store.ts';

export const handler = httpHandler(routes.projectGet, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const p = await getProject(params.communityId, params.projectId);
  if (!(await mayRead(principal, p))) throw new Forbidden('This project is outside your scope');
  // Evidence photos go out as ten-minute links, never as bucket keys.
  const milestones = await Promise.all(p.milestones.map(async (m) => (m.evidence ? { ...m, evidence: { ...m.evidence, photos: await photoLinks(m.evidence.photos) } } : m)));
  return { ...p, milestones };
});
