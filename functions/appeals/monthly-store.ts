// The monthly 三率 report, frozen like the rating notices: computed from the stored cases (their
// month's index, never the live counters) once the Beijing month is over, and kept as an
// immutable version with what it was computed from. A correction is the next version, saying
// why and what changed; every earlier version stays readable. Quarters and half-years are the
// sums of their months' latest versions.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { changesBetween, combineFigures, monthEndsAt, monthsOfPeriod, reportFigures, type Directory, type FigureChange, type ReportCase, type ReportFigures } from '../../shared/appeals/monthly-report.ts';
import type { Weights } from '../../shared/appeals/rates.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { batchGet } from '../lib/batch-get.ts';
import { auditPut } from '../lib/audit.ts';
import { appealsSettings } from './settings.ts';
import { readRouting, unitDirectory } from './routing-store.ts';

export interface ReportVersion {
  month: string;
  version: number;
  publishedAt: string;
  /** The role that froze it (not the person: the report is circulated). */
  publishedBy: string;
  reason: string | null;
  supersedes: number | null;
  changes: FigureChange[];
  weights: Weights;
  /** Cases read from the month's index when it was frozen. */
  inputs: { cases: number; computedAt: string };
  figures: ReportFigures;
}

/** One line per frozen month for the list and the trend charts: its latest version's headline figures. */
export interface ReportHead { month: string; version: number; publishedAt: string; cases: number; district: ReportFigures['district']; units: Record<string, number | null>; streets: Record<string, number | null> }

/** Every case of a month, as the report counts it, from the month's index (one partition, facts only). */
export async function monthCases(month: string): Promise<ReportCase[]> {
  const out: ReportCase[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month) },
      ProjectionExpression: 'facts', ConsistentRead: true, ExclusiveStartKey,
    }));
    for (const item of page.Items ?? []) out.push(item.facts as ReportCase);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

async function directory(): Promise<Directory> {
  const [units, routing] = await Promise.all([unitDirectory(), readRouting()]);
  const categories = new Map(routing.categories.map((c) => [c.code, c.name]));
  return { unit: (k) => units.get(k), street: (id) => units.get(`street:${id}`)?.name, category: (c) => categories.get(c) };
}

export async function reportVersions(month: string): Promise<ReportVersion[]> {
  return queryAll<ReportVersion>(keys.appealReportPk(month), { skPrefix: 'V#', consistent: true });
}

/** Freezes a month's report (version 1) or corrects it (the next version, with a reason). */
export async function freezeMonth(month: string, reason: string | undefined, principal: Extract<Principal, { kind: 'staff' }>, now = new Date()): Promise<ReportVersion> {
  if (monthsOfPeriod(month).length !== 1) throw new BadRequest('Only a month is frozen; quarters and half-years are summed from their months', [{ path: 'params.period', reason: 'a month (YYYY-MM)' }]);
  const endsAt = monthEndsAt(month);
  if (now.getTime() < endsAt) throw new Conflict(`A month's report is frozen after the month is over (${new Date(endsAt).toISOString()})`, 'month_not_over');
  const versions = await reportVersions(month);
  const previous = versions.at(-1) ?? null;
  if (previous && !reason) throw new BadRequest('A correction must say why', [{ path: 'body.reason', reason: 'required when the month is already published' }]);
  const { weights } = appealsSettings();
  const [cases, dir] = await Promise.all([monthCases(month), directory()]);
  if (cases.length === 0 && !previous) throw new Conflict('No case was received in this month: there is nothing to report', 'empty_month');
  const figures = reportFigures(cases, dir, now.getTime(), weights);
  const changes = previous ? changesBetween(previous.figures, figures) : [];
  if (previous && changes.length === 0) throw new Conflict('Nothing changed since the published version', 'unchanged');
  const version = (previous?.version ?? 0) + 1;
  const report: ReportVersion = {
    month, version, publishedAt: now.toISOString(), publishedBy: principal.role, reason: reason ?? null, supersedes: previous?.version ?? null,
    changes, weights, inputs: { cases: cases.length, computedAt: now.toISOString() }, figures,
  };
  const head: ReportHead = {
    month, version, publishedAt: report.publishedAt, cases: figures.cases, district: figures.district,
    units: Object.fromEntries(figures.units.map((u) => [u.unit, u.rates.compositePermille])),
    streets: Object.fromEntries(figures.streets.map((s) => [s.streetId, s.rates.compositePermille])),
  };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.appealReport(month, version), et: 'appeal-report', ...report }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName(), Item: { ...keys.appealReportHead(month), et: 'appeal-report-head', ...head },
          ConditionExpression: previous ? 'version = :prev' : 'attribute_not_exists(pk)', ...(previous ? { ExpressionAttributeValues: { ':prev': previous.version } } : {}),
        },
      },
      auditPut(principal, { action: previous ? 'appeal-report.correct' : 'appeal-report.freeze', target: `appeal-report:${month}`, after: { version, reason: reason ?? null, cases: figures.cases, changes: changes.length } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone froze this month meanwhile; reload', 'published_meanwhile');
    throw error;
  }
  return report;
}

/** The frozen months, oldest first, with each one's headline figures (the trend charts read these). */
export async function reportHeads(): Promise<ReportHead[]> {
  const heads = await queryAll<ReportHead & { pk: string; sk: string; et: string }>(keys.appealReportHeadsPk(), { skPrefix: 'MONTH#' });
  return heads.map(({ pk: _pk, sk: _sk, et: _et, ...h }) => h);
}

const strip = <T extends object>(item: T) => {
  const { pk: _pk, sk: _sk, et: _et, ...rest } = item as T & { pk?: string; sk?: string; et?: string };
  return { ...rest, reason: (rest as { reason?: string | null }).reason ? maskNumbers((rest as unknown as { reason: string }).reason) : null } as unknown as ReportVersion;
};

export interface PeriodReport {
  period: string;
  months: { month: string; version: number | null }[];
  /** Every month of the period is frozen (a quarter with a month missing is summed from the others, and says so). */
  complete: boolean;
  /** Set for a month: the version shown and the others there are. */
  report: ReportVersion | null;
  versions: { version: number; publishedAt: string; reason: string | null }[];
  figures: ReportFigures | null;
  weights: Weights;
}

/** A month (a version of it, the latest by default), or a quarter or half-year summed from its months' latest versions. */
export async function periodReport(period: string, version?: number): Promise<PeriodReport> {
  const months = monthsOfPeriod(period);
  const { weights } = appealsSettings();
  if (months.length === 1) {
    const versions = (await reportVersions(period)).map(strip);
    if (versions.length === 0) throw new NotFound('Frozen report');
    const chosen = version === undefined ? versions.at(-1)! : versions.find((v) => v.version === version);
    if (!chosen) throw new NotFound('Report version');
    return {
      period, months: [{ month: period, version: chosen.version }], complete: true, report: chosen, figures: chosen.figures, weights: chosen.weights,
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, reason: v.reason })),
    };
  }
  if (version !== undefined) throw new BadRequest('Versions belong to months', [{ path: 'query.version', reason: 'only for a month' }]);
  const heads = new Map((await reportHeads()).map((h) => [h.month, h]));
  const frozen = months.filter((m) => heads.has(m));
  if (frozen.length === 0) throw new NotFound('Frozen report');
  const found = await batchGet(frozen.map((m) => keys.appealReport(m, heads.get(m)!.version)));
  const reports = [...found.values()].map(strip).sort((a, b) => a.month.localeCompare(b.month));
  return {
    period, months: months.map((m) => ({ month: m, version: heads.get(m)?.version ?? null })), complete: frozen.length === months.length, report: null, versions: [],
    figures: combineFigures(reports.map((r) => r.figures), await directory(), weights), weights,
  };
}

const pct = (permille: number | null) => (permille === null ? '' : (permille / 10).toFixed(1));
const KIND_WORDS = { street: '街道', community: '社区', department: '部门' } as const;

/** The report as a spreadsheet: one row per unit, ranked within its kind, then the district. */
export function reportCsv(r: PeriodReport): string {
  const head = ['period', 'version', 'kind', 'unit_id', 'unit', 'rank', 'ranked', 'cases', 'valid', 'responded', 'response_base', 'response_pct', 'on_time', 'on_time_base', 'on_time_pct', 'followed_up', 'solved', 'resolution_pct', 'satisfied', 'basic', 'satisfaction_pct', 'composite'];
  const version = r.report ? String(r.report.version) : r.months.map((m) => `${m.month}:${m.version ?? '-'}`).join(' ');
  const line = (kind: string, id: string, name: string, rank: number | null, ranked: number | '', cases: number, k: ReportFigures['district']) => [
    r.period, version, kind, id, name, rank ?? '', ranked, cases, k.valid, k.responded, k.responseBase, pct(k.responsePermille), k.onTime, k.onTimeBase, pct(k.onTimePermille),
    k.followedUp, k.solved, pct(k.resolutionPermille), k.satisfied, k.basic, pct(k.satisfactionPermille), pct(k.compositePermille),
  ].map(String);
  const f = r.figures!;
  return toCsv([
    head,
    ...f.units.map((u) => line(KIND_WORDS[u.kind], u.unit, u.name, u.rank, u.ranked, u.cases, u.rates)),
    line('全区', 'district', '全区', null, '', f.cases, f.district),
  ]);
}

/** What the public page shows: the district's and each street's rates and the counts by category; no unit's ranking, no case. */
export async function publicFigures(month?: string) {
  const heads = await reportHeads();
  const months = heads.map((h) => ({ month: h.month, version: h.version, publishedAt: h.publishedAt }));
  if (heads.length === 0) return { months, month: null, figures: null };
  const head = month ? heads.find((h) => h.month === month) : heads.at(-1)!;
  if (!head) throw new NotFound('Published month');
  const found = await batchGet([keys.appealReport(head.month, head.version)]);
  const report = strip([...found.values()][0]!);
  const { district, streets, categories, cases, excluded } = report.figures;
  return {
    months, month: head.month,
    // A correction's reason is staff's words (it may name a person): the public reads that a version corrects another, not why.
    figures: { version: report.version, publishedAt: report.publishedAt, corrected: report.version > 1, weights: report.weights, cases, excluded, district, streets, categories },
  };
}
