// The year-end selection (年终评选): nominations of outstanding joint projects (done) and 微心愿
// cases, a panel named for the year, each member's score for each nomination keyed once (the key
// is the rule), and the winners frozen once every score is in, then listed publicly.
import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import { rankBy } from '../../shared/rank.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { beijingYear } from '../../shared/beijing.ts';
import type { NominationBody, ScoreBody, SelectionBody } from '../../shared/selection/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { communities } from '../pairings/store.ts';
import { getProject } from '../projects/project-store.ts';
import type { Photo } from '../photos/bucket.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface SelectionItem extends SelectionBody { year: string; createdAt: string }
export interface NominationItem { id: string; kind: 'project' | 'wish'; communityId: string; communityName: string; projectId: string | null; title: string; story: string; reason: string; nominatedAt: string; photos?: Photo[] }
export interface ScoreItem { nominationId: string; memberId: string; score: number; at: string }
export interface ResultItem { year: string; frozenAt: string; rows: { nominationId: string; title: string; kind: string; communityName: string; meanHundredths: number; rank: number | null; winner: boolean }[] }

async function getSelection(year: string): Promise<SelectionItem | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.selection(year), ConsistentRead: true }));
  return (Item as SelectionItem | undefined) ?? null;
}

async function everything(year: string) {
  const items = await queryAll<Record<string, unknown> & { sk: string }>(keys.selectionPk(year), { consistent: true });
  const strip = <T>(x: Record<string, unknown>) => { const { pk: _p, sk: _s, et: _e, ...rest } = x; return rest as T; };
  return {
    selection: (items.find((i) => i.sk === 'SELECTION') ? strip<SelectionItem>(items.find((i) => i.sk === 'SELECTION')!) : null),
    nominations: items.filter((i) => i.sk.startsWith('N#')).map((i) => strip<NominationItem>(i)),
    scores: items.filter((i) => i.sk.startsWith('S#')).map((i) => strip<ScoreItem>(i)),
    result: items.find((i) => i.sk === 'RESULT') ? strip<ResultItem>(items.find((i) => i.sk === 'RESULT')!) : null,
  };
}

export async function putSelection(year: string, body: SelectionBody, principal: Staff): Promise<SelectionItem> {
  const ids = body.panel.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new BadRequest('Two panel members have one id', body.panel.flatMap((m, i) => (ids.indexOf(m.id) !== i ? [{ path: `body.panel.${i}.id`, reason: 'used twice in this panel' }] : [])));
  const all = await everything(year);
  // The panel is fixed once a score is in: a member added later could not score what was scored.
  if (all.scores.length) throw new Conflict('Scores are in: the panel and the number of winners can no longer change', 'scoring_started');
  const item: SelectionItem = { year, ...body, createdAt: all.selection?.createdAt ?? new Date().toISOString() };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.selection(year), et: 'selection', ...item }, ConditionExpression: 'attribute_not_exists(pk) OR createdAt = :c', ExpressionAttributeValues: { ':c': item.createdAt } } },
    auditPut(principal, { action: all.selection ? 'selection.update' : 'selection.create', target: `selection:${year}`, after: { title: body.title, panel: ids, winners: body.winners } }),
  ] }));
  return item;
}

/** `keep` copies the photos of a 微心愿 case under the nomination, once every check has passed. */
export async function nominate(year: string, body: NominationBody, principal: Staff, keep: (under: string) => Promise<Photo[]> = async () => []): Promise<NominationItem> {
  const all = await everything(year);
  if (!all.selection) throw new NotFound('Selection');
  if (all.result) throw new Conflict('The winners are frozen: nominations are closed', 'frozen');
  if (principal.role === 'community_staff' && principal.scopeId !== body.communityId) throw new Forbidden('A community nominates its own projects and wishes');
  const community = (await communities()).find((c) => c.id === body.communityId);
  if (!community) throw new BadRequest('Unknown community', [{ path: 'body.communityId', reason: 'no such community' }]);
  let title: string;
  let story: string;
  if (body.kind === 'project') {
    const p = await getProject(body.communityId, body.projectId).catch(() => null);
    if (!p || p.state !== 'done') throw new BadRequest('Only a joint project that is done can be nominated', [{ path: 'body.projectId', reason: 'not a done project of this community' }]);
    // A project is nominated in the year it was done (Beijing time), so never in two years.
    if (beijingYear(p.doneAt!) !== year) throw new BadRequest('A project is nominated in the year it was done', [{ path: 'body.projectId', reason: `done in ${beijingYear(p.doneAt!)}, not in ${year}` }]);
    title = p.title;
    story = p.description;
  } else {
    title = body.title;
    story = body.story;
  }
  // The title goes on the public list: numbers in it (a phone, an ID) are masked as in the story.
  title = maskNumbers(title);
  story = maskNumbers(story);
  // A wish is the same wish whatever its spaces, punctuation or width: only letters and digits count.
  const sameWish = title.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
  const what = body.kind === 'project' ? `P#${body.projectId}` : `C#${body.communityId}#${createHash('sha256').update(sameWish).digest('base64url').slice(0, 22)}`;
  const id = newId();
  const photos = body.kind === 'wish' ? await keep(`selection/${year}/${id}`) : [];
  const n: NominationItem = { id, kind: body.kind, communityId: body.communityId, communityName: community.name, projectId: body.kind === 'project' ? body.projectId : null, title, story, reason: maskNumbers(body.reason), nominatedAt: new Date().toISOString(), ...(photos.length ? { photos } : {}) };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.nomination(year, n.id), et: 'nomination', ...n }, ConditionExpression: 'attribute_not_exists(pk)' } },
      // Once a year per project, and per wish of a community (by its title), even under concurrent sends.
      { Put: { TableName: tableName(), Item: { ...keys.nominated(year, what), et: 'nominated', nominationId: n.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      // Nothing is nominated after the winners are frozen, even by a request racing the freeze.
      { ConditionCheck: { TableName: tableName(), Key: keys.selectionResult(year), ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'selection.nominate', target: `selection:${year}`, after: { nominationId: n.id, kind: n.kind, communityId: n.communityId, photos: photos.length } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') throw new Conflict(body.kind === 'project' ? 'This project is nominated already' : 'This wish is nominated already', 'nominated');
      throw new Conflict('The winners are frozen: nominations are closed', 'frozen');
    }
    throw error;
  }
  return n;
}

export async function score(year: string, nominationId: string, body: ScoreBody, principal: Staff): Promise<ScoreItem> {
  const [selection, { Item: nomination }] = await Promise.all([getSelection(year), ddb.send(new GetCommand({ TableName: tableName(), Key: keys.nomination(year, nominationId), ConsistentRead: true }))]);
  if (!selection || !nomination) throw new NotFound('Nomination');
  if (!selection.panel.some((m) => m.id === body.memberId)) throw new BadRequest('Not a member of this year\'s panel', [{ path: 'body.memberId', reason: 'not on the panel' }]);
  const s: ScoreItem = { nominationId, memberId: body.memberId, score: body.score, at: new Date().toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.selectionScore(year, nominationId, body.memberId), et: 'selection-score', ...s }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { ConditionCheck: { TableName: tableName(), Key: keys.selectionResult(year), ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'selection.score', target: `selection:${year}`, after: { nominationId, memberId: body.memberId, score: body.score } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new Conflict('This member has scored this nomination already', 'scored');
      throw new Conflict('The winners are frozen: scoring is closed', 'frozen');
    }
    throw error;
  }
  return s;
}

/** Freezes the winners once every member has scored every nomination: ranked by mean score, ties sharing a rank. */
export async function freezeSelection(year: string, principal: Staff): Promise<ResultItem> {
  const all = await everything(year);
  if (!all.selection) throw new NotFound('Selection');
  if (all.result) throw new Conflict('The winners are frozen already', 'frozen');
  if (!all.nominations.length) throw new Conflict('Nothing is nominated yet', 'empty');
  const missing = all.nominations.flatMap((n) => all.selection!.panel.filter((m) => !all.scores.some((s) => s.nominationId === n.id && s.memberId === m.id)).map((m) => `${n.title}: ${m.name}`));
  if (missing.length) throw new Conflict(`Scores are missing: ${missing.slice(0, 10).join('; ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`, 'scores_missing');
  const rows = rankBy(all.nominations.map((n) => {
    const mine = all.scores.filter((s) => s.nominationId === n.id);
    return { nominationId: n.id, title: n.title, kind: n.kind, communityName: n.communityName, meanHundredths: Math.round((mine.reduce((a, s) => a + s.score, 0) * 100) / mine.length) };
  }).sort((a, b) => a.title.localeCompare(b.title, 'zh-CN')), (r) => r.meanHundredths);
  // Ties at the last place all win: no winner is chosen by the order of a list.
  const result: ResultItem = { year, frozenAt: new Date().toISOString(), rows: rows.map((r) => ({ ...r, winner: r.rank !== null && r.rank <= all.selection!.winners })) };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.selectionResult(year), et: 'selection-result', ...result }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'selection.freeze', target: `selection:${year}`, after: { winners: result.rows.filter((r) => r.winner).map((r) => r.nominationId) } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('The winners are frozen already', 'frozen');
    throw error;
  }
  return result;
}

/**
 * The selection as staff read it. The district sees everything, with the scores and the panel's
 * names; a street its own communities' nominations, a community its own (stories and photos tell
 * of residents); after the freeze every nomination shows what the public list shows.
 */
export async function selectionView(year: string, principal: Staff) {
  const [all, comms] = await Promise.all([everything(year), principal.role === 'street_staff' ? communities() : Promise.resolve([])]);
  if (!all.selection) throw new NotFound('Selection');
  const admin = principal.role === 'district_admin';
  const inStreet = new Set(comms.filter((c) => c.streetId === principal.scopeId).map((c) => c.id));
  const whole = (n: NominationItem) => admin || (principal.role === 'street_staff' ? inStreet.has(n.communityId) : n.communityId === principal.scopeId);
  const scoredOf = (n: NominationItem) => all.scores.filter((s) => s.nominationId === n.id);
  const { panel, ...selection } = all.selection;
  return {
    selection: { ...selection, panelSize: panel.length, ...(admin ? { panel } : {}) },
    nominations: all.nominations.filter((n) => whole(n) || all.result).map((n) => (whole(n)
      ? { ...n, scored: scoredOf(n).length, ...(admin ? { scores: Object.fromEntries(scoredOf(n).map((s) => [s.memberId, s.score])) } : {}) }
      : { id: n.id, kind: n.kind, communityId: n.communityId, communityName: n.communityName, title: n.title, scored: scoredOf(n).length })),
    result: all.result,
  };
}

/** The public list: the frozen winners only. */
export async function publicWinners(year: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.selectionResult(year) }));
  if (!Item) throw new NotFound('Selection result');
  const r = Item as ResultItem;
  const { Item: s } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.selection(year) }));
  return { year, title: (s as SelectionItem | undefined)?.title ?? year, frozenAt: r.frozenAt, winners: r.rows.filter((x) => x.winner).map((x) => ({ title: x.title, kind: x.kind, communityName: x.communityName, rank: x.rank })) };
}
