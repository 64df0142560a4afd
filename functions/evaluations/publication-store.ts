// A round's published ranking: computed from the stored evaluations at the moment of
// publishing (never from the live counters) and frozen as an immutable version with the counts
// it came from. A correction is the next version with its reason and what changed. The
// communities' comments are frozen beside it, one item per department and version, so that
// nothing that lists results can carry them.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { changesBetween, departmentResults, sumEvaluations, type DepartmentResult, type ResultChange } from '../../shared/evaluations/results.ts';
import type { Criterion } from '../../shared/evaluations/schemas.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { batchPut } from '../lib/batch-write.ts';
import { auditPut } from '../lib/audit.ts';
import { listRounds, mustGetRound, roundState, type RoundItem } from './round-store.ts';
import { roundEvaluations } from './submission-store.ts';

export interface Publication {
  roundId: string;
  version: number;
  publishedAt: string;
  title: string;
  period: string;
  criteria: Criterion[];
  results: DepartmentResult[];
  inputs: { pairs: number; submitted: number; excluded: number; counted: number };
  reason: string | null;
  changes: ResultChange[];
}

export interface CommentsItem { roundId: string; departmentId: string; version: number; comments: { communityName: string; text: string }[] }

export async function publications(roundId: string): Promise<Publication[]> {
  return queryAll<Publication>(keys.evalPublicationsPk(roundId), { skPrefix: 'V#', consistent: true });
}

/** What the stored evaluations give now (the review before publishing, and the publication itself). */
export async function computeFromRecords(round: RoundItem) {
  const evaluations = await roundEvaluations(round.id);
  // Only pairs of the round count (a record outside them cannot be written, but the rule is the round's).
  const inRound = evaluations.filter((e) => (round.pairs[e.communityId] ?? []).includes(e.departmentId));
  const counted = inRound.filter((e) => !e.excluded);
  const results = departmentResults(round.criteria, round.departments, sumEvaluations(round.criteria, inRound.map((e) => ({ ...e, excluded: e.excluded ?? false }))));
  const pairs = Object.values(round.pairs).reduce((a, d) => a + d.length, 0);
  return { evaluations: inRound, results, inputs: { pairs, submitted: inRound.length, excluded: inRound.length - counted.length, counted: counted.length } };
}

export async function publishRound(roundId: string, reason: string | undefined, principal: Principal): Promise<Publication> {
  const round = await mustGetRound(roundId, true);
  const now = new Date();
  const state = roundState(round, now.getTime());
  if (state === 'scheduled' || state === 'open') throw new Conflict(`The ranking is published after the round closes (${round.closesAt})`, 'not_closed');
  const versions = await publications(roundId);
  const previous = versions.at(-1) ?? null;
  if (previous && !reason) throw new BadRequest('A correction must say why', [{ path: 'body.reason', reason: 'required when the ranking is already published' }]);
  const { evaluations, results, inputs } = await computeFromRecords(round);
  if (!inputs.counted) throw new Conflict('No evaluation counts in this round: nothing to publish', 'nothing_to_publish');
  const changes = previous ? changesBetween(previous.results, results) : [];
  if (previous && changes.length === 0) throw new Conflict('Nothing changed since the published version', 'unchanged');
  const version = (previous?.version ?? 0) + 1;
  const publication: Publication = { roundId, version, publishedAt: now.toISOString(), title: round.title, period: round.period, criteria: round.criteria, results, inputs, reason: reason ?? null, changes };
  // Comments first: keyed by a version not yet published, they are read only once it is.
  const byDepartment = new Map<string, CommentsItem['comments']>();
  for (const e of evaluations) {
    if (e.excluded || !e.comment) continue;
    byDepartment.set(e.departmentId, [...(byDepartment.get(e.departmentId) ?? []), { communityName: round.communities[e.communityId] ?? e.communityId, text: maskNumbers(e.comment) }]);
  }
  await batchPut([...byDepartment].map(([departmentId, comments]) => ({
    ...keys.evalComments(roundId, departmentId, version), et: 'eval-comments', roundId, departmentId, version,
    comments: comments.sort((a, b) => a.communityName.localeCompare(b.communityName, 'zh-CN')),
  })));
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.evalPublication(roundId, version), et: 'eval-publication', ...publication }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(), Key: keys.evalRound(roundId),
          UpdateExpression: 'SET publishedVersion = :v, publishedAt = :at',
          ConditionExpression: previous ? 'publishedVersion = :prev' : 'attribute_not_exists(publishedVersion)',
          ExpressionAttributeValues: { ':v': version, ':at': publication.publishedAt, ...(previous ? { ':prev': previous.version } : {}) },
        },
      },
      auditPut(principal, { action: previous ? 'evaluation-ranking.correct' : 'evaluation-ranking.publish', target: `evaluation-round:${roundId}`, after: { version, reason: reason ?? null, counted: inputs.counted, changes: changes.length } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone published this round meanwhile; reload', 'published_meanwhile');
    throw error;
  }
  return publication;
}

export async function getPublication(roundId: string, version?: number): Promise<{ publication: Publication; versions: { version: number; publishedAt: string; reason: string | null }[] }> {
  const all = await publications(roundId);
  if (!all.length) throw new NotFound('Published ranking');
  const publication = version === undefined ? all.at(-1)! : all.find((p) => p.version === version);
  if (!publication) throw new NotFound('Version');
  const { pk: _pk, sk: _sk, et: _et, ...rest } = publication as Publication & { pk?: string; sk?: string; et?: string };
  return { publication: rest, versions: all.map((p) => ({ version: p.version, publishedAt: p.publishedAt, reason: p.reason })) };
}

/** The ranking as a spreadsheet: a row per department, a column per criterion. */
export function rankingCsv(p: Publication): string {
  return toCsv([
    ['名次', '部门', ...p.criteria.map((c) => `${c.name}（均分）`), '综合得分', '评价社区数', '结对社区数'],
    ...[...p.results].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)).map((r) => [
      r.rank === null ? '' : String(r.rank), r.name,
      ...p.criteria.map((c) => (r.meansHundredths[c.code] === null ? '' : (r.meansHundredths[c.code]! / 100).toFixed(2))),
      r.scoreHundredths === null ? '' : (r.scoreHundredths / 100).toFixed(2), String(r.raters), String(r.paired),
    ]),
  ]);
}

/** A department's results over the published rounds, with the comments it was given (its own only). */
export async function departmentHistory(departmentId: string) {
  const rounds = (await listRounds()).filter((r) => r.publishedVersion && r.departments.some((d) => d.id === departmentId));
  return Promise.all(rounds.map(async (r) => {
    const { publication } = await getPublication(r.id);
    const row = publication.results.find((x) => x.departmentId === departmentId)!;
    const notes = await queryAll<CommentsItem>(keys.evalCommentsPk(r.id, departmentId), { skPrefix: 'V#', consistent: true });
    const comments = notes.find((n) => n.version === publication.version)?.comments ?? [];
    return {
      round: { id: r.id, title: r.title, period: r.period, closesAt: r.closesAt },
      version: publication.version, publishedAt: publication.publishedAt, corrected: publication.version > 1,
      criteria: publication.criteria, result: row, of: publication.results.filter((x) => x.rank !== null).length, comments,
    };
  }));
}
