// The district's category catalogue and routing table, its departments, and where an address
// lies. Read often and changed rarely: kept for a minute per container (a change is seen by
// every function within a minute; the write path re-reads what it must).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import type { DepartmentBody, RoutingBody } from '../../shared/appeals/schemas.ts';
import type { Place, RoutingRule, UnitRef } from '../../shared/appeals/routing.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys, DISTRICT_PK } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { batchGet, itemKey } from '../lib/batch-get.ts';
import type { CasePlace } from './case-record.ts';

const TTL_MS = 60_000;

export interface Routing { categories: RoutingBody['categories']; rules: RoutingRule[]; rev: number; updatedAt: string | null }
const EMPTY: Routing = { categories: [{ code: 'other', name: '其他', aliases: [] }], rules: [], rev: 0, updatedAt: null };

let routingCache: { at: number; value: Routing } | undefined;

export async function readRouting(fresh = false): Promise<Routing> {
  if (!fresh && routingCache && Date.now() - routingCache.at < TTL_MS) return routingCache.value;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealRouting(), ConsistentRead: fresh }));
  const value = Item ? { categories: Item.categories, rules: Item.rules, rev: Item.rev, updatedAt: Item.updatedAt } as Routing : EMPTY;
  routingCache = { at: Date.now(), value };
  return value;
}

/** The catalogue's code for a platform's category word (a code, a name or an alias), or null. */
export function categoryOf(routing: Routing, word: string): { code: string; name: string } | null {
  const w = word.trim();
  const hit = routing.categories.find((c) => c.code === w || c.name === w || c.aliases.includes(w));
  return hit ? { code: hit.code, name: hit.name } : null;
}

export async function unitExists(unit: UnitRef): Promise<boolean> {
  const key = unit.kind === 'department' ? keys.department(unit.id) : unit.kind === 'community' ? keys.community(unit.id) : keys.street(unit.id);
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: key, ProjectionExpression: 'pk' }));
  return Boolean(Item);
}

/** Every unit a rule names must exist, and so must every place: a typo routes nothing silently. */
export async function putRouting(body: RoutingBody, principal: Principal): Promise<Routing> {
  const current = await readRouting(true);
  if (body.rev !== current.rev) throw new Conflict('The routing table changed meanwhile; reload it and try again', 'stale_revision');
  const codes = new Set(body.categories.map((c) => c.code));
  const fields: { path: string; reason: string }[] = [];
  // A platform's word must name one category: an alias equal to another's code, name or alias would route by list order.
  const owner = new Map<string, number>();
  body.categories.forEach((c, i) => [c.code, c.name].forEach((w) => owner.set(w.toLowerCase(), i)));
  const aliasOwner = new Map<string, number>();
  body.categories.forEach((c, i) => c.aliases.forEach((a, j) => {
    const w = a.toLowerCase();
    const taken = owner.get(w) ?? aliasOwner.get(w);
    if (taken !== undefined && taken !== i) fields.push({ path: `body.categories.${i}.aliases.${j}`, reason: 'names another category already' });
    aliasOwner.set(w, aliasOwner.get(w) ?? i);
  }));
  // Every unit and place the table names, read at once (a district's table has a rule or more per community).
  const unitKeyOf = (u: UnitRef) => (u.kind === 'department' ? keys.department(u.id) : u.kind === 'community' ? keys.community(u.id) : keys.street(u.id));
  const placeKeyOf = (p: NonNullable<RoutingBody['rules'][number]['place']>) => ('compoundId' in p ? keys.compound(p.compoundId) : 'communityId' in p ? keys.community(p.communityId) : keys.street(p.streetId));
  const wanted = new Map<string, { pk: string; sk: string }>();
  for (const rule of body.rules) {
    for (const k of [unitKeyOf(rule.unit), ...(rule.place ? [placeKeyOf(rule.place)] : [])]) wanted.set(itemKey(k), k);
  }
  const found = await batchGet([...wanted.values()]);
  for (const [i, rule] of body.rules.entries()) {
    if (rule.category !== '*' && !codes.has(rule.category)) fields.push({ path: `body.rules.${i}.category`, reason: 'not a category of the catalogue' });
    if (!found.has(itemKey(unitKeyOf(rule.unit)))) fields.push({ path: `body.rules.${i}.unit`, reason: 'no such unit' });
    if (rule.place && !found.has(itemKey(placeKeyOf(rule.place)))) fields.push({ path: `body.rules.${i}.place`, reason: 'no such place' });
  }
  if (fields.length) throw new BadRequest('The routing table is not valid', fields.slice(0, 50), 'validation_failed');
  const next: Routing = { categories: body.categories, rules: body.rules, rev: current.rev + 1, updatedAt: new Date().toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(), Item: { ...keys.appealRouting(), et: 'appeal-routing', ...next },
            ...(current.rev === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': current.rev } }),
          },
        },
        auditPut(principal, { action: 'appeals.routing.put', target: 'appeals:routing', after: { rev: next.rev, categories: next.categories.length, rules: next.rules.length } }),
      ],
    }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('The routing table changed meanwhile; reload it and try again', 'stale_revision');
    throw error;
  }
  routingCache = { at: Date.now(), value: next };
  return next;
}

export interface Department { id: string; name: string; platformCode?: string; duty?: string }

export async function putDepartment(id: string, body: DepartmentBody, principal: Principal): Promise<Department> {
  const { Item: before } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.department(id), ConsistentRead: true }));
  // The platform names a required unit by this code: two departments with one code would route silently to either.
  departmentsCache = undefined;
  // A work order's required unit is matched by code or by name: neither may name two departments.
  const others = (await departments()).filter((d) => d.id !== id);
  if (body.platformCode && others.some((d) => d.platformCode === body.platformCode || d.name === body.platformCode)) {
    throw new Conflict('Another department has this platform code', 'duplicate_platform_code');
  }
  if (others.some((d) => d.platformCode === body.name)) throw new Conflict('Another department has this platform code', 'duplicate_platform_code');
  const item = { id, name: body.name, platformCode: body.platformCode, duty: body.duty || undefined, updatedAt: new Date().toISOString() };
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.department(id), et: 'department', ...item } } },
      auditPut(principal, { action: before ? 'department.update' : 'department.create', target: `department:${id}`, before: before ? { name: before.name, platformCode: before.platformCode } : undefined, after: { name: body.name, platformCode: body.platformCode, duty: body.duty } }),
    ],
  }));
  departmentsCache = undefined;
  unitsCache = undefined;
  return item;
}

let departmentsCache: { at: number; value: Department[] } | undefined;

export async function departments(): Promise<Department[]> {
  if (departmentsCache && Date.now() - departmentsCache.at < TTL_MS) return departmentsCache.value;
  const items = await queryAll<Department>(DISTRICT_PK, { skPrefix: 'DEPARTMENT#' });
  const value = items.map((d) => ({ id: d.id, name: d.name, platformCode: d.platformCode, duty: d.duty }));
  departmentsCache = { at: Date.now(), value };
  return value;
}

/** Every unit that can hold a case, by its key ("community:c1"): its name, and for a community its street. */
export interface UnitInfo { name: string; streetId: string | null }
let unitsCache: { at: number; value: Map<string, UnitInfo> } | undefined;

export async function unitDirectory(): Promise<Map<string, UnitInfo>> {
  if (unitsCache && Date.now() - unitsCache.at < TTL_MS) return unitsCache.value;
  const [deps, streets, communities] = await Promise.all([
    departments(),
    queryAll<{ id: string; name: string }>(DISTRICT_PK, { skPrefix: 'STREET#' }),
    queryAll<{ id: string; name: string; streetId: string }>(DISTRICT_PK, { skPrefix: 'COMMUNITY#' }),
  ]);
  const value = new Map<string, UnitInfo>([
    ...deps.map((d) => [`department:${d.id}`, { name: d.name, streetId: null }] as const),
    ...streets.map((s) => [`street:${s.id}`, { name: s.name, streetId: s.id }] as const),
    ...communities.map((c) => [`community:${c.id}`, { name: c.name, streetId: c.streetId }] as const),
  ]);
  unitsCache = { at: Date.now(), value };
  return value;
}

/** A unit's name (an office's, never a person's), or null for none or one not (yet) known. */
export async function unitName(unit: { kind: string; id: string } | null | undefined): Promise<string | null> {
  if (!unit) return null;
  return (await unitDirectory()).get(`${unit.kind}:${unit.id}`)?.name ?? null;
}

interface CompoundPlace { id: string; name: string; address: string; communityId: string; streetId: string }
let placesCache: { at: number; value: CompoundPlace[] } | undefined;

async function compoundPlaces(): Promise<CompoundPlace[]> {
  if (placesCache && Date.now() - placesCache.at < TTL_MS) return placesCache.value;
  const items = await queryAll<CompoundPlace>(DISTRICT_PK, { skPrefix: 'COMPOUND#' });
  const value = items.map((c) => ({ id: c.id, name: c.name, address: c.address, communityId: c.communityId, streetId: c.streetId }));
  placesCache = { at: Date.now(), value };
  return value;
}

const squeeze = (s: string) => s.replace(/[\s，,。.]/g, '');

/** The compound an address names (its address or its name inside the text; the longest match wins), or nowhere known. */
export async function placeOfAddress(address: string): Promise<CasePlace> {
  const text = squeeze(address);
  if (!text) return { compoundId: null, communityId: null, streetId: null, name: null };
  let best: { c: CompoundPlace; length: number } | null = null;
  for (const c of await compoundPlaces()) {
    // Callers rarely say the city and district: the address without them, and the name without 小区, count too.
    const local = c.address.replace(/^.*?市.*?区/, '');
    for (const word of [c.address, local, c.name, c.name.replace(/小区$/, '')].map(squeeze)) {
      if (word.length >= 3 && text.includes(word) && (!best || word.length > best.length)) best = { c, length: word.length };
    }
  }
  return best ? { compoundId: best.c.id, communityId: best.c.communityId, streetId: best.c.streetId, name: best.c.name } : { compoundId: null, communityId: null, streetId: null, name: null };
}

/** Every compound as [id, name], by name: the appeal page's search list. */
export async function compoundChoices(): Promise<[string, string][]> {
  return (await compoundPlaces()).map((c) => [c.id, c.name] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
}

/** A compound picked from the public structure: where it lies. */
export async function placeOfCompound(compoundId: string): Promise<CasePlace | null> {
  const c = (await compoundPlaces()).find((x) => x.id === compoundId);
  return c ? { compoundId: c.id, communityId: c.communityId, streetId: c.streetId, name: c.name } : null;
}

export const placeForRouting = (p: CasePlace): Place => ({ compoundId: p.compoundId, communityId: p.communityId, streetId: p.streetId });

/** For a test that seeds the registry and must see it at once. */
export function forgetRoutingCaches(): void {
  routingCache = undefined;
  departmentsCache = undefined;
  placesCache = undefined;
  unitsCache = undefined;
}

