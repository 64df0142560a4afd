// A quarter's class tables: computed at the moment of freezing from the stored records of the
// other capabilities, the organisation department's entries and the cross reviews, and kept as
// an immutable version with the counts of its inputs. A correction is the next version with its
// reason and what changed; every version stays readable.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import type { AssessmentConfig } from '../../shared/assessment/config.ts';
import { previousQuarter, quarterBounds } from '../../shared/assessment/quarter.ts';
import { changesBetween, scoreQuarter, type CommunityResult, type QuarterChange } from '../../shared/assessment/scoring.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { assessmentConfig } from './settings.ts';
import { classesFor } from './class-store.ts';
import { quarterEntries } from './entries-store.ts';
import { quarterReviews } from './review-store.ts';
import { automaticValues, type SourceInputs } from './sources.ts';

export interface QuarterResult {
  quarter: string;
  version: number;
  frozenAt: string;
  config: AssessmentConfig;
  results: CommunityResult[];
  inputs: SourceInputs & { entries: number; reviews: number };
  reason: string | null;
  changes: QuarterChange[];
}

/**
 * What the records give for the quarter (the preview, and what freezing stores). `asOf` is the
 * instant deadlines are judged at; `frozenClasses`, the classes a frozen version used: a
 * correction keeps them, so a class changed later never moves a quarter already frozen.
 */
export async function computeQuarter(quarter: string, asOf = Date.now(), frozenClasses?: ReadonlyMap<string, string>) {
  const config = assessmentConfig();
  const [auto, entries, reviews, current] = await Promise.all([automaticValues(quarter, asOf), quarterEntries(quarter), quarterReviews(quarter), classesFor(quarter.slice(0, 4))]);
  const classes = current.map((c) => ({ ...c, class: frozenClasses?.get(c.communityId) ?? c.class }));
  const entryOf = new Map(entries.map((e) => [e.communityId, e.values]));
  const classOf = new Map(classes.map((c) => [c.communityId, c.class]));
  const inputs = classes.map((c) => ({
    communityId: c.communityId,
    name: c.name,
    class: c.class,
    values: Object.fromEntries(config.indicators.map((ind) => [ind.code, ind.source === 'manual' ? (entryOf.get(c.communityId)?.[ind.code]?.value ?? null) : (auto.values.get(c.communityId)?.[ind.source] ?? null)])),
    // Only scores from the same class count (a class changed after a review was sent leaves it out).
    reviews: reviews.filter((r) => r.from !== c.communityId && classOf.get(r.from) === c.class && r.scores[c.communityId] !== undefined).map((r) => r.scores[c.communityId]!),
  }));
  return { config, results: scoreQuarter(config, inputs), inputs: { ...auto.inputs, entries: entries.filter((e) => Object.keys(e.values).length).length, reviews: reviews.length } };
}

export async function quarterVersions(quarter: string): Promise<QuarterResult[]> {
  return queryAll<QuarterResult>(keys.assessResultsPk(quarter), { skPrefix: 'V#', consistent: true });
}

export async function freezeQuarter(quarter: string, reason: string | undefined, principal: Principal): Promise<QuarterResult> {
  const now = new Date();
  const { end } = quarterBounds(quarter);
  if (now.toISOString() < end) throw new Conflict(`A quarter is frozen after it is over (${end})`, 'not_over');
  const versions = await quarterVersions(quarter);
  const previous = versions.at(-1) ?? null;
  if (previous && !reason) throw new BadRequest('A correction must say why', [{ path: 'body.reason', reason: 'required when the quarter is already frozen' }]);
  // A correction judges deadlines at the first freeze and keeps its classes: only records that changed move it.
  const first = versions[0];
  const computed = await computeQuarter(quarter, first ? Date.parse(first.frozenAt) : now.getTime(), previous ? new Map(previous.results.map((r) => [r.communityId, r.class])) : undefined);
  const i = computed.inputs;
  if (!previous && !(i.cases || i.notices || i.entries || i.reviews || i.projectsDone || i.callouts)) throw new Conflict('Nothing was recorded for this quarter: no case, rating notice, entry, cross review, project or call-out', 'empty_quarter');
  const changes = previous ? changesBetween(previous.results, computed.results) : [];
  if (previous && !changes.length) throw new Conflict('Nothing changed since the frozen version', 'unchanged');
  const version = (previous?.version ?? 0) + 1;
  const result: QuarterResult = { quarter, version, frozenAt: now.toISOString(), ...computed, reason: reason ?? null, changes };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.assessResult(quarter, version), et: 'assess-result', ...result }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...keys.assessHead(quarter), et: 'assess-head', quarter, version, frozenAt: result.frozenAt }, ConditionExpression: previous ? 'version = :prev' : 'attribute_not_exists(pk)', ...(previous ? { ExpressionAttributeValues: { ':prev': previous.version } } : {}) } },
      auditPut(principal, { action: previous ? 'assessment.correct' : 'assessment.freeze', target: `quarter:${quarter}`, after: { version, reason: reason ?? null, changes: changes.length } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone froze this quarter meanwhile; reload', 'frozen_meanwhile');
    throw error;
  }
  return result;
}

export async function frozenQuarters(): Promise<{ quarter: string; version: number; frozenAt: string }[]> {
  const heads = await queryAll<{ quarter: string; version: number; frozenAt: string }>(keys.assessHeadsPk(), { skPrefix: 'Q#', consistent: true });
  return heads.map((h) => ({ quarter: h.quarter, version: h.version, frozenAt: h.frozenAt })).sort((a, b) => b.quarter.localeCompare(a.quarter));
}

async function latest(quarter: string): Promise<QuarterResult | null> {
  const { Item: head } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessHead(quarter), ConsistentRead: true }));
  if (!head) return null;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessResult(quarter, head.version as number), ConsistentRead: true }));
  return (Item as QuarterResult | undefined) ?? null;
}

/** A frozen quarter (a version of it), with what changed since the previous quarter's latest version. */
export async function quarterTable(quarter: string, version?: number) {
  const versions = await quarterVersions(quarter);
  if (!versions.length) throw new NotFound('Frozen quarter');
  const shown = version === undefined ? versions.at(-1)! : versions.find((v) => v.version === version);
  if (!shown) throw new NotFound('Version');
  const before = await latest(previousQuarter(quarter));
  const { pk: _pk, sk: _sk, et: _et, ...rest } = shown as QuarterResult & { pk?: string; sk?: string; et?: string };
  return {
    result: rest,
    versions: versions.map((v) => ({ version: v.version, frozenAt: v.frozenAt, reason: v.reason, changes: v.changes.length })),
    sinceLastQuarter: before ? { quarter: before.quarter, version: before.version, changes: changesBetween(before.results, shown.results).filter((c) => c.what === 'total' || c.what === 'rank') } : null,
  };
}

const fixed = (h: number | null) => (h === null ? '' : (h / 100).toFixed(2));
const valueText = (v: number | null, unit: string) => (v === null ? '' : unit === 'permille' ? `${(v / 10).toFixed(1)}%` : String(v));

/** A class's table (or every class) as a spreadsheet. */
export function quarterCsv(r: QuarterResult, cls?: string): string {
  const inds = r.config.indicators;
  return toCsv([
    ['分类', '名次', '社区', ...inds.flatMap((i) => [`${i.name}`, `${i.name}目标`, `${i.name}得分`]), '互评均分', '总分'],
    ...r.results.filter((x) => !cls || x.class === cls).map((x) => [
      x.class, x.rank === null ? '' : `${x.rank}/${x.classSize}`, x.name,
      ...x.indicators.flatMap((row, i) => [valueText(row.value, inds[i]!.unit), valueText(row.target, inds[i]!.unit), fixed(row.points)]),
      fixed(x.crossReview.meanHundredths), fixed(x.totalHundredths),
    ]),
  ]);
}
