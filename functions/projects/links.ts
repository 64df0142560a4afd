import { photoLinks } from '../photos/bucket.ts';
import type { ProjectItem } from './project-store.ts';

/** A project as its readers get it: evidence photos as ten-minute links, never as bucket keys. */
export async function withLinks(p: ProjectItem) {
  const milestones = await Promise.all(p.milestones.map(async (m) => (m.evidence ? { ...m, evidence: { ...m.evidence, photos: await photoLinks(m.evidence.photos) } } : m)));
  return { ...p, milestones };
}
