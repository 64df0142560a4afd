// Joint projects (社区出题、部门领题): a community posts a need, a paired department claims it,
// the project gets goals and dated milestones, evidence for each, and ends done (every milestone
// evidenced) or dropped with its reason. A project is keyed under its community; its summary in
// the district's index is written in the same transaction, with the audit entry.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import { after, refusal, type Move } from '../../shared/projects/lifecycle.ts';
import { beijingDay } from '../../shared/beijing.ts';
import type { EvidenceBody, PlanBody, ProjectBody, ProjectState, ProjectStateBody } from '../../shared/projects/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { loadDistrict } from '../registry/district-store.ts';
import { departments } from '../appeals/routing-store.ts';
import { pairings } from '../pairings/store.ts';
import type { Photo } from '../photos/bucket.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface Milestone { id: string; title: string; dueOn: string; evidence: { text: string; doneOn: string; at: string; by: string; photos?: Photo[] } | null }
export interface ProjectItem {
  id: string; communityId: string; communityName: string; streetId: string; title: string; description: string; compoundIds: string[];
  state: ProjectState; departmentId: string | null; departmentName: string | null; goals: string | null; milestones: Milestone[];
  reason: string | null; rev: number; createdAt: string; updatedAt: string; doneAt: string | null;
}

const summary = (p: ProjectItem) => ({ id: p.id, communityId: p.communityId, communityName: p.communityName, streetId: p.streetId, title: p.title, state: p.state, departmentId: p.departmentId, departmentName: p.departmentName, milestones: p.milestones.length, evidenced: p.milestones.filter((m) => m.evidence).length, updatedAt: p.updatedAt, doneAt: p.doneAt });
export type ProjectSummary = ReturnType<typeof summary>;

async function write(p: ProjectItem, previousRev: number | null, principal: Principal, action: string, detail: unknown): Promise<void> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.project(p.communityId, p.id), et: 'project', ...p }, ConditionExpression: previousRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev', ...(previousRev === null ? {} : { ExpressionAttributeValues: { ':rev': previousRev } }) } },
      { Put: { TableName: tableName(), Item: { ...keys.projectIndex(p.communityId, p.id), et: 'project-index', ...summary(p) } } },
      auditPut(principal, { action, target: `project:${p.communityId}:${p.id}`, after: detail }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this project meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
}

export async function getProject(communityId: string, projectId: string): Promise<ProjectItem> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.project(communityId, projectId), ConsistentRead: true }));
  if (!Item) throw new NotFound('Project');
  const { pk: _p, sk: _s, et: _e, ...project } = Item;
  return project as ProjectItem;
}

/** Who may read a project: its community (and street, and the district), and the departments paired with the community. */
export async function mayRead(principal: Staff, p: Pick<ProjectItem, 'communityId' | 'streetId' | 'departmentId'>): Promise<boolean> {
  switch (principal.role) {
    case 'district_admin': return true;
    case 'street_staff': return principal.scopeId === p.streetId;
    case 'community_staff': return principal.scopeId === p.communityId;
    case 'department': return p.departmentId === principal.scopeId || (await pairings()).some((x) => x.communityId === p.communityId && x.departmentIds.includes(principal.scopeId));
    default: return false;
  }
}

/** Who may work on it: the community, and the department that claimed it. */
const mayWork = (principal: Staff, p: ProjectItem) => (principal.role === 'community_staff' && principal.scopeId === p.communityId) || (principal.role === 'department' && principal.scopeId === p.departmentId);

function check(p: ProjectItem, move: Move, rev?: number) {
  if (rev !== undefined && rev !== p.rev) throw new Conflict('Someone changed this project meanwhile; reload', 'changed_meanwhile');
  const why = refusal(p, move);
  if (why) throw new Conflict(why, 'wrong_state');
}

export async function proposeProject(communityId: string, body: ProjectBody, principal: Staff): Promise<ProjectItem> {
  const district = await loadDistrict();
  const community = district.communities.find((c) => c.id === communityId)!;
  const mine = new Set(district.compounds.filter((c) => c.communityId === communityId).map((c) => c.id));
  const fields = body.compoundIds.flatMap((id, i) => (mine.has(id) ? [] : [{ path: `body.compoundIds.${i}`, reason: 'not a compound of this community' }]));
  if (fields.length) throw new BadRequest('The project names a compound outside the community', fields);
  const now = new Date().toISOString();
  const p: ProjectItem = { id: newId(), communityId, communityName: community.name, streetId: community.streetId, title: body.title, description: body.description, compoundIds: [...new Set(body.compoundIds)], state: 'proposed', departmentId: null, departmentName: null, goals: null, milestones: [], reason: null, rev: 1, createdAt: now, updatedAt: now, doneAt: null };
  await write(p, null, principal, 'project.propose', { title: p.title });
  return p;
}

export async function claimProject(communityId: string, projectId: string, principal: Staff): Promise<ProjectItem> {
  const [p, ps, deps] = await Promise.all([getProject(communityId, projectId), pairings(true), departments()]);
  if (!ps.some((x) => x.communityId === communityId && x.departmentIds.includes(principal.scopeId))) throw new Forbidden('Your department is not paired with this community');
  check(p, 'claim');
  const next: ProjectItem = { ...p, state: after(p, 'claim'), departmentId: principal.scopeId, departmentName: deps.find((d) => d.id === principal.scopeId)?.name ?? principal.scopeId, rev: p.rev + 1, updatedAt: new Date().toISOString() };
  await write(next, p.rev, principal, 'project.claim', { departmentId: principal.scopeId });
  return next;
}

export async function planProject(communityId: string, projectId: string, body: PlanBody, principal: Staff): Promise<ProjectItem> {
  const p = await getProject(communityId, projectId);
  if (!mayWork(principal, p)) throw new Forbidden('Only the community and the department that claimed it work on this project');
  check(p, 'plan', body.rev);
  // Titles name milestones across revisions: two alike would share one milestone's evidence.
  const titles = body.milestones.map((m) => m.title.trim());
  const twice = titles.flatMap((t, i) => (titles.indexOf(t) !== i ? [{ path: `body.milestones.${i}.title`, reason: 'used twice in this plan' }] : []));
  if (twice.length) throw new BadRequest('Two milestones have one title', twice);
  // What was done stays on record: a revised plan keeps every milestone that has its evidence.
  const kept = p.milestones.filter((m) => m.evidence && !titles.includes(m.title));
  if (kept.length) throw new BadRequest('A milestone with its evidence cannot be removed or renamed', [{ path: 'body.milestones', reason: `keep the milestones already done: ${kept.map((m) => m.title).join('、')}` }]);
  // Work begun before the project was posted may be entered, but not from years back.
  const earliest = beijingDay(Date.parse(p.createdAt) - 366 * 86_400_000);
  const early = body.milestones.flatMap((m, i) => (m.dueOn < earliest ? [{ path: `body.milestones.${i}.dueOn`, reason: 'not more than a year before the project was posted' }] : []));
  if (early.length) throw new BadRequest('A milestone is due within a year before the project was posted or later', early);
  // A milestone already evidenced keeps its evidence when the plan is revised (matched by title).
  const milestones = body.milestones.map((m, i) => ({ id: `m${i + 1}`, title: m.title, dueOn: m.dueOn, evidence: p.milestones.find((x) => x.title === m.title)?.evidence ?? null }));
  const next: ProjectItem = { ...p, state: after(p, 'plan'), goals: body.goals, milestones, rev: p.rev + 1, updatedAt: new Date().toISOString() };
  await write(next, p.rev, principal, 'project.plan', { milestones: milestones.map((m) => ({ title: m.title, dueOn: m.dueOn })) });
  return next;
}

/** `keep` copies the photos the caller uploaded under the milestone, once every check has passed. */
export async function addEvidence(communityId: string, projectId: string, milestoneId: string, body: EvidenceBody, principal: Staff, keep: (under: string) => Promise<Photo[]> = async () => []): Promise<ProjectItem> {
  const p = await getProject(communityId, projectId);
  if (!mayWork(principal, p)) throw new Forbidden('Only the community and the department that claimed it work on this project');
  check(p, 'evidence', body.rev);
  const m = p.milestones.find((x) => x.id === milestoneId);
  if (!m) throw new NotFound('Milestone');
  if (m.evidence) throw new Conflict('This milestone has its evidence already', 'evidenced');
  if (body.doneOn > new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)) throw new BadRequest('The day it was done cannot be in the future', [{ path: 'body.doneOn', reason: 'not after today' }]);
  if (body.doneOn < beijingDay(Date.parse(p.createdAt) - 366 * 86_400_000)) throw new BadRequest('The day it was done is within a year before the project was posted or later', [{ path: 'body.doneOn', reason: 'not more than a year before the project was posted' }]);
  const at = new Date().toISOString();
  // Under a folder of this request's own: a request that loses the race to record it leaves only
  // copies nothing names, never overwrites the winner's.
  const photos = await keep(`projects/${communityId}/${projectId}/${milestoneId}/${newId()}`);
  const next: ProjectItem = { ...p, milestones: p.milestones.map((x) => (x.id === milestoneId ? { ...x, evidence: { text: body.text, doneOn: body.doneOn, at, by: principal.role, ...(photos.length ? { photos } : {}) } } : x)), rev: p.rev + 1, updatedAt: at };
  await write(next, p.rev, principal, 'project.evidence', { milestoneId, text: body.text, doneOn: body.doneOn, photos: photos.length });
  return next;
}

export async function endProject(communityId: string, projectId: string, body: ProjectStateBody, principal: Staff): Promise<ProjectItem> {
  const p = await getProject(communityId, projectId);
  if (!mayWork(principal, p) && !(principal.role === 'district_admin' && body.state === 'dropped')) throw new Forbidden('Only the community and the department that claimed it work on this project');
  if (body.state === 'dropped' && !body.reason) throw new BadRequest('A dropped project says why', [{ path: 'body.reason', reason: 'required when dropping a project' }]);
  check(p, body.state, body.rev);
  const at = new Date().toISOString();
  const next: ProjectItem = { ...p, state: after(p, body.state), reason: body.state === 'dropped' ? body.reason ?? null : null, rev: p.rev + 1, updatedAt: at, doneAt: body.state === 'done' ? at : null };
  await write(next, p.rev, principal, `project.${body.state === 'done' ? 'done' : 'drop'}`, { reason: body.state === 'dropped' ? body.reason ?? null : null });
  return next;
}

/** The projects the caller may read: a department sees the proposed ones it may claim and its own. */
export async function listProjects(principal: Staff, state?: ProjectState): Promise<ProjectSummary[]> {
  const [all, ps] = await Promise.all([queryAll<ProjectSummary>(keys.projectIndexPk()), principal.role === 'department' ? pairings() : Promise.resolve([])]);
  const paired = new Set(ps.filter((x) => x.departmentIds.includes(principal.scopeId)).map((x) => x.communityId));
  return all
    .filter((p) => !state || p.state === state)
    .filter((p) => principal.role === 'district_admin'
      || (principal.role === 'street_staff' && p.streetId === principal.scopeId)
      || (principal.role === 'community_staff' && p.communityId === principal.scopeId)
      || (principal.role === 'department' && (p.departmentId === principal.scopeId || (p.state === 'proposed' && paired.has(p.communityId)))))
    .map(({ pk: _p, sk: _s, et: _e, ...rest }: ProjectSummary & { pk?: string; sk?: string; et?: string }) => rest)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
