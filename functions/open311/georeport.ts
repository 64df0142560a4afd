// Open311 GeoReport v2 over the district's cases: the catalogue as services, cases as service
// requests (open or closed, the unit in charge as the agency responsible, the deadline as the
// expected time), and new requests from clients holding an API key the district admin issued.
// No personal data in any answer: never the caller, never the appeal's own words (which may
// name people), and the place only as far as the compound.
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { isValidPhone, normalizePhone } from '../../shared/privacy.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { DISTRICT_PK, keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { commitCase, readCase, type CaseSummary } from '../appeals/case-record.ts';
import { caseOf } from '../appeals/intake.ts';
import { placeOfCompound, readRouting, unitName } from '../appeals/routing-store.ts';
import { Open311Error, w3c, type Open311Value } from './format.ts';
import { take, TooManyRequests } from '../lib/rate-limit.ts';
import { appealsSettings } from '../appeals/settings.ts';

const DAY = 86_400_000;
const MAX_RESULTS = 1000;
const CASE_ID = /^[0-9a-z]{9}[0-9a-f]{16}$/;

const CLOSED = new Set(['followed_up', 'closed', 'invalid', 'merged']);
const NOTES: Record<string, string> = {
  received: '已受理，等待派单', dispatched: '已派至承办单位', accepted: '承办单位已签收', in_progress: '正在办理', returned: '正在改派承办单位',
  replied: '已办结答复，等待回访', followed_up: '已回访', closed: '已办结', invalid: '经核实为无效诉求', merged: '与另一件诉求合并办理',
};

export async function services(): Promise<Record<string, Open311Value>[]> {
  const routing = await readRouting();
  return routing.categories.map((c) => ({
    service_code: c.code, service_name: c.name, description: c.aliases.length ? `亦称：${c.aliases.join('、')}` : null,
    metadata: false, type: 'realtime', keywords: c.aliases.join(',') || null, group: null,
  }));
}

export async function serviceDefinition(code: string): Promise<Record<string, Open311Value>> {
  if (!(await readRouting()).categories.some((c) => c.code === code)) throw new Open311Error(404, `没有这项服务 (service_code ${code} not found)`);
  return { service_code: code, attributes: [] };
}

async function requestOf(s: Pick<CaseSummary, 'caseId' | 'state' | 'category' | 'categoryName' | 'placeName' | 'receivedAt' | 'due' | 'unit'> & { updatedAt?: string }): Promise<Record<string, Open311Value>> {
  const closed = CLOSED.has(s.state);
  return {
    service_request_id: s.caseId,
    status: closed ? 'closed' : 'open',
    status_notes: NOTES[s.state] ?? null,
    service_name: s.categoryName,
    service_code: s.category ?? 'other',
    description: null,
    agency_responsible: await unitName(s.unit),
    service_notice: null,
    requested_datetime: w3c(s.receivedAt),
    updated_datetime: w3c(s.updatedAt ?? s.receivedAt),
    expected_datetime: closed ? null : w3c(s.due),
    address: s.placeName ?? null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export async function oneRequest(id: string): Promise<Record<string, Open311Value>[]> {
  const c = CASE_ID.test(id) ? await readCase(id, false) : null;
  if (!c) throw new Open311Error(404, `没有这件诉求 (service_request_id ${id} not found)`);
  return [await requestOf({ caseId: c.id, state: c.view.state, category: c.category, categoryName: c.categoryName, placeName: c.place.name, receivedAt: c.view.receivedAt, due: c.view.replyDue.due, unit: c.unit, updatedAt: c.updatedAt })];
}

function parseDate(value: string | undefined, field: string): number | null {
  if (!value) return null;
  // W3C datetimes carry a zone; a date alone is read as that day in Beijing.
  const ms = /^\d{4}-\d\d-\d\d$/.test(value) ? Date.parse(`${value}T00:00:00+08:00`) : /(Z|[+-]\d\d:\d\d)$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Open311Error(400, `${field} 须为带时区的 W3C 日期时间，如 2026-11-05T08:15:30+08:00 (${field} must be a W3C datetime with its zone)`);
  return ms;
}

const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** GET requests: the standard filters, the most recent 90 days by default, at most 1,000, newest first. */
export async function findRequests(q: Record<string, string | undefined>, now = Date.now()): Promise<Record<string, Open311Value>[]> {
  const ids = list(q.service_request_id);
  if (ids.length) {
    const found = await Promise.all(ids.slice(0, 100).map((id) => oneRequest(id).catch(() => [])));
    return found.flat();
  }
  const statuses = list(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status 只能是 open 或 closed (status must be open or closed)');
  const codes = new Set(list(q.service_code));
  const end = parseDate(q.end_date, 'end_date') ?? now;
  const start = parseDate(q.start_date, 'start_date') ?? end - 90 * DAY;
  if (start > end) throw new Open311Error(400, 'start_date 晚于 end_date (start_date is after end_date)');
  if (end - start > 90 * DAY) throw new Open311Error(400, '时间范围不能超过 90 天 (the range may not span more than 90 days)');
  const out: Record<string, Open311Value>[] = [];
  // Month by month, newest first, reading the month index between the two instants.
  for (let month = beijingDay(end).slice(0, 7); month >= beijingDay(start).slice(0, 7) && out.length < MAX_RESULTS; month = previousMonth(month)) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await ddb.send(new QueryCommand({
        TableName: tableName(), KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ScanIndexForward: false, ExclusiveStartKey,
        ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month), ':a': new Date(start).toISOString(), ':b': `${new Date(end).toISOString()}~` },
      }));
      for (const s of (page.Items ?? []) as (CaseSummary & { updatedAt?: string })[]) {
        if (codes.size && !codes.has(s.category ?? 'other')) continue;
        if (statuses.length && !statuses.includes(CLOSED.has(s.state) ? 'closed' : 'open')) continue;
        out.push(await requestOf(s));
        if (out.length >= MAX_RESULTS) break;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && out.length < MAX_RESULTS);
  }
  return out;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('base64url');

/** A new API key for an Open311 client (shown once); stored as its hash. */
export async function issueApiKey(name: string, principal: Principal): Promise<{ apiKey: string; name: string }> {
  const apiKey = randomBytes(24).toString('base64url');
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.open311Key(keyHash(apiKey)), et: 'open311-key', name, createdAt: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'open311.key.issue', target: `open311-key:${name}`, after: { name } }),
    ],
  }));
  return { apiKey, name };
}

async function keyName(apiKey: string | undefined): Promise<string> {
  if (!apiKey || apiKey.length > 100) throw new Open311Error(403, '缺少或无效的 api_key (invalid api_key)');
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.open311Key(keyHash(apiKey)) }));
  if (!Item || Item.revokedAt) throw new Open311Error(403, '缺少或无效的 api_key (invalid api_key)');
  return String(Item.name);
}

/** POST requests: a new case from an Open311 client, answered with its id (type realtime). */
export async function createRequest(fields: Record<string, string>, now = new Date()): Promise<Record<string, Open311Value>[]> {
  const client = await keyName(fields.api_key);
  const code = fields.service_code;
  if (!code) throw new Open311Error(400, '缺少 service_code (service_code is required)');
  const routing = await readRouting();
  const category = routing.categories.find((c) => c.code === code);
  if (!category) throw new Open311Error(404, `没有这项服务 (service_code ${code} not found)`);
  const description = (fields.description ?? '').trim();
  if (!description) throw new Open311Error(400, '请填写诉求内容 (description is required)');
  if (description.length > 4000) throw new Open311Error(400, '诉求内容不能超过 4000 字 (description is at most 4000 characters)');
  const addressId = fields.address_id;
  const place = addressId ? await placeOfCompound(addressId) : undefined;
  if (addressId && !place) throw new Open311Error(400, `没有这个地址编号 (address_id ${addressId} not found)`);
  const address = (fields.address_string ?? '').trim().slice(0, 200);
  const hasPoint = fields.lat !== undefined && fields.long !== undefined && Number.isFinite(Number(fields.lat)) && Number.isFinite(Number(fields.long));
  if (!place && !address && !hasPoint) throw new Open311Error(400, '请给出地点：address_string、address_id 或 lat 与 long (a location is required)');
  // Each key's requests created share one budget an hour (the district's setting), counted on the
  // key's hash; refusals above do not count, so a client fixing its form is not locked out.
  const perHour = appealsSettings().open311PostsPerHour;
  let budget: Awaited<ReturnType<typeof take>>;
  try {
    budget = await take({ name: 'open311-post', key: keyHash(fields.api_key!), max: perHour, windowSeconds: 3600 });
  } catch (error) {
    if (error instanceof TooManyRequests) throw new Open311Error(429, `请求过于频繁，每个 api_key 每小时最多 ${perHour} 件，请 ${Math.max(1, Math.ceil(error.retryAfterSeconds / 60))} 分钟后再试 (too many requests: ${perHour} an hour per api_key)`);
    throw error;
  }
  const phone = fields.phone && isValidPhone(fields.phone) ? normalizePhone(fields.phone) : '';
  const at = now.toISOString();
  const record = await caseOf({ channel: 'open311', type: 'complaint', categoryWord: category.code, content: description, address, ...(place ? { place } : {}), phone, urgency: 'normal', enterprise: false, receivedAt: at }, now);
  try {
    await commitCase(null, record, { kind: 'received', at, by: { role: 'open311', name: client }, detail: hasPoint ? { lat: Number(fields.lat), long: Number(fields.long) } : {} }, [
      { Put: { TableName: tableName(), Item: { ...keys.appealCaller(record.id), et: 'appeal-caller', phone } } },
    ]);
  } catch (error) {
    // Nothing was created: the key's budget is given back.
    await budget.giveBack().catch(() => undefined);
    throw error;
  }
  return [{ service_request_id: record.id, service_notice: `已受理，将在 ${w3c(record.view.replyDue.due)} 前答复`, account_id: null }];
}

