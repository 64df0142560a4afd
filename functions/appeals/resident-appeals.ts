// A resident's appeal from the phone page, without an account: a case like any other, a number
// the unit in charge calls back (kept only for it), and a tracking code to follow it without
// signing in. The code comes from the page's idempotency key through a keyed hash, so a resend
// after a dropped connection gets the same code back without the code ever being stored (only
// its own keyed hash is, as with household codes). Limits: 10 appeals an hour per client and 5
// a day per phone; 20 wrong tracking codes per client in 15 minutes.
import { createHash, createHmac } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { codeFromBytes, formatCode, normalizeCode } from '../../shared/codes.ts';
import type { ResidentAppealBody } from '../../shared/appeals/schemas.ts';
import { normalizePhone } from '../../shared/privacy.ts';
import { BadRequest, DomainError } from '../../shared/errors.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { take } from '../lib/rate-limit.ts';
import { codeHash } from '../auth/secrets.ts';
import { CaseChanged, commitCase, ExtraRefused, readCase, type TimelineStep } from './case-record.ts';
import { caseOf } from './intake.ts';
import { appealSeed, checkedPhotos, keepPhotos } from '../photos/bucket.ts';
import { categoryOf, placeOfCompound, readRouting, unitName } from './routing-store.ts';

const trackKey = keys.appealTracking;

/** The tracking code of an appeal, from the page's idempotency key (keyed: nobody can compute another's). */
async function trackingCodeOf(idempotencyKey: string): Promise<string> {
  // The household-code key, under its own label: one key to keep, two uses kept apart.
  const seed = await codeHash(`appeal-tracking:${idempotencyKey}`);
  let counter = 0;
  return codeFromBytes(() => createHmac('sha256', seed).update(String(counter++)).digest());
}

export interface Filed { trackingCode: string; receivedAt: string; due: string }

export async function fileAppeal(body: ResidentAppealBody, clientAddress: string, now = new Date()): Promise<Filed> {
  const code = await trackingCodeOf(body.idempotencyKey);
  const hash = await codeHash(`track:${code}`);
  const known = await filedAs(hash);
  if (known) return { ...known, trackingCode: formatCode(code) };
  const routing = await readRouting();
  const category = categoryOf(routing, body.category);
  if (!category) throw new BadRequest('Not a category of the catalogue', [{ path: 'body.category', reason: 'not a category of the catalogue' }]);
  const place = body.compoundId ? await placeOfCompound(body.compoundId) : undefined;
  if (body.compoundId && !place) throw new BadRequest('Unknown compound', [{ path: 'body.compoundId', reason: 'no such compound' }]);
  // Checked before anything counts against the limits: a photo that did not arrive is sent again.
  const photos = await checkedPhotos(appealSeed(body.idempotencyKey), body.photos);
  const record = await caseOf({
    channel: 'resident', type: body.type, categoryWord: category.code, content: body.content, address: body.address, ...(place ? { place } : {}),
    phone: body.phone, urgency: 'normal', enterprise: false, receivedAt: now.toISOString(),
  }, now);
  // Copied (and refused if changed since the check) before the limits count too.
  if (photos.length) record.photos = await keepPhotos(photos, 'cases', record.id);
  // Successes count: the limits bound how many cases one client or one number can make.
  await take({ name: 'appeal-client', key: clientAddress, max: 10, windowSeconds: 3600 });
  await take({ name: 'appeal-phone', key: createHash('sha256').update(normalizePhone(body.phone)).digest('base64url'), max: 5, windowSeconds: 86_400 });
  const at = record.view.receivedAt;
  const step: TimelineStep = { kind: 'received', at, by: { role: 'resident' }, detail: photos.length ? { photos: photos.length } : {} };
  try {
    await commitCase(null, record, step, [
      { Put: { TableName: tableName(), Item: { ...trackKey(hash), et: 'appeal-track', caseId: record.id, receivedAt: at, due: record.view.replyDue.due }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...keys.appealCaller(record.id), et: 'appeal-caller', phone: normalizePhone(body.phone) } } },
    ]);
  } catch (error) {
    // The same appeal sent twice at once: the first one's answer is the answer.
    if (error instanceof ExtraRefused || error instanceof CaseChanged) {
      const first = await filedAs(hash);
      if (first) return { ...first, trackingCode: formatCode(code) };
    }
    throw error;
  }
  return { trackingCode: formatCode(code), receivedAt: at, due: record.view.replyDue.due };
}

async function filedAs(hash: string): Promise<Filed | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: trackKey(hash), ConsistentRead: true }));
  return Item ? { trackingCode: '', receivedAt: Item.receivedAt, due: Item.due } : null;
}

/** What the resident reads of their case: where it is, in plain words, without anyone's name. */
const PUBLIC_STEPS = new Set(['received', 'dispatch', 'accept', 'contact', 'decide_extension', 'reply', 'follow_up', 'close', 'return', 'invalidate', 'merge', 'supervise']);

export async function trackAppeal(typed: string, clientAddress: string) {
  const limit = await take({ name: 'appeal-track', key: clientAddress, max: 20, windowSeconds: 900 });
  const code = normalizeCode(typed);
  const found = code ? (await ddb.send(new GetCommand({ TableName: tableName(), Key: trackKey(await codeHash(`track:${code}`)) }))).Item : undefined;
  const c = found ? await readCase(String(found.caseId), false) : null;
  if (!c) throw new DomainError(404, 'unknown_tracking_code', 'No appeal has this tracking code; check it against the one you were given', [{ path: 'body.code', reason: 'no appeal has this code' }]);
  await limit.giveBack();
  const timeline = await queryAll<TimelineStep & { rev: number }>(keys.appealCasePk(c.id), { skPrefix: 'EV#' });
  const steps = [];
  for (const t of timeline) {
    if (!PUBLIC_STEPS.has(t.kind)) continue;
    // The unit's name (an office), never a person's; a reply in full, since it is addressed to them.
    steps.push({
      kind: t.kind, at: t.at,
      ...(t.kind === 'dispatch' ? { unit: await unitName(t.detail?.unit as never) } : {}),
      ...(t.kind === 'reply' ? { reply: String(t.detail?.reply ?? '') } : {}),
      ...(t.kind === 'decide_extension' ? { approved: Boolean(t.detail?.approve) } : {}),
    });
  }
  return {
    categoryName: c.categoryName, placeName: c.place.name, state: c.view.state, receivedAt: c.view.receivedAt,
    due: c.view.replyDue.due, unit: await unitName(c.unit), steps,
  };
}
