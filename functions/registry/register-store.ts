// Owners' register versions. Commit is all-or-nothing for any number of rows: rows are first
// staged under the content hash (invisible until a version points at them), then one
// transaction creates the version, moves the compound's pointer, writes the audit entry and
// the outbox event. Re-importing the same content is a no-op.
import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { decodeCsv, type Encoding } from '../../shared/registry/csv.ts';
import { canonicalRegister, parseRegister, registerTotals, type RegisterIssue, type RegisterRow, type RegisterTotals } from '../../shared/registry/register.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { batchPut } from '../lib/batch-write.ts';
import { outboxPut } from '../lib/outbox.ts';
import { queues } from '../manifest.ts';
import { getCompound } from './compound-store.ts';
import type { RegisterVersionItem } from './model.ts';

/** Problems a report carries at most. */
export const MAX_REPORTED_ISSUES = 500;

export interface ImportReport {
  ok: boolean;
  mode: 'dry-run' | 'commit';
  encoding: Encoding;
  rowCount: number;
  /** The first MAX_REPORTED_ISSUES problems (a page shows fewer); `issueCount` says how many there are. */
  issues: RegisterIssue[];
  issueCount: number;
  /** Totals of the file as read; the stored totals come from the register-events consumer. */
  preview: RegisterTotals | null;
  unchanged: boolean;
  version: number | null;
}

export function contentHash(rows: readonly RegisterRow[]): string {
  return createHash('sha256').update(canonicalRegister(rows)).digest('hex').slice(0, 32);
}

/** Rows are staged under their content hash: invisible until a version points at them. */
function stageRows(compoundId: string, hash: string, rows: readonly RegisterRow[]): Promise<void> {
  return batchPut(rows.map((r) => ({ ...keys.registerRow(compoundId, hash, r.building, r.unit), et: 'register-row', ...r })));
}

export async function importRegister(
  compoundId: string,
  input: { mode: 'dry-run' | 'commit'; fileName: string; contentBase64: string },
  principal: Principal,
): Promise<ImportReport> {
  const compound = await getCompound(compoundId, true);
  if (!compound) throw new NotFound('Compound');
  const { text, encoding } = decodeCsv(Buffer.from(input.contentBase64, 'base64'));
  const { rows, issues: all } = parseRegister(text, compound.buildings);
  // A file of 20,000 wrong rows would otherwise answer megabytes (over Lambda's 6 MB); the
  // compound's building names go once, with the first unknown building.
  let namesGiven = false;
  // A cell's text is echoed at most 40 characters long (no building or unit name is longer), so
  // a file of huge cells cannot blow the answer up either.
  const clip = (text: string | undefined, n: number) => (text === undefined || text.length <= n ? text : `${text.slice(0, n)}…`);
  const issues = all.slice(0, MAX_REPORTED_ISSUES).map((i): RegisterIssue => {
    const value = clip(i.value, 40);
    const short = { ...i, message: clip(i.message, 300)!, ...(value === undefined ? {} : { value }) };
    if (i.code !== 'building_unknown') return short;
    const { accepted, ...rest } = short;
    if (!namesGiven) {
      namesGiven = true;
      return { ...rest, message: `Building ${value} is not in this compound (its buildings: ${(accepted ?? []).join(', ')})`, accepted };
    }
    return { ...rest, message: `Building ${value} is not in this compound` };
  });
  const base = { mode: input.mode, encoding, rowCount: rows.length, issues, issueCount: all.length };
  if (issues.length > 0) return { ...base, ok: false, rowCount: 0, preview: null, unchanged: false, version: null };
  const hash = contentHash(rows);
  const unchanged = hash === compound.registerHash;
  const preview = registerTotals(rows);
  if (input.mode === 'dry-run' || unchanged) {
    return { ...base, ok: true, preview, unchanged, version: unchanged ? compound.currentVersion : null };
  }
  await stageRows(compoundId, hash, rows);
  const version = compound.currentVersion + 1;
  const now = new Date().toISOString();
  const versionItem: RegisterVersionItem = {
    et: 'register-version', compoundId, version, contentHash: hash, rowCount: rows.length,
    fileName: input.fileName, encoding, buildingsUsed: [...new Set(rows.map((r) => r.building))].sort(),
    committedAt: now, committedBy: principal.kind === 'staff' ? principal.sub : 'public', totals: null,
  };
  const TableName = tableName();
  try {
    await ddb.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: keys.compound(compoundId),
            UpdateExpression: 'SET currentVersion = :v, registerHash = :h, rev = rev + :one, updatedAt = :now',
            ConditionExpression: 'currentVersion = :prev',
            ExpressionAttributeValues: { ':v': version, ':h': hash, ':prev': compound.currentVersion, ':one': 1, ':now': now },
          },
        },
        { Put: { TableName, Item: { ...keys.registerVersion(compoundId, version), ...versionItem }, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut(principal, { action: 'register.commit', target: `compound:${compoundId}`, before: { version: compound.currentVersion }, after: { version, rows: rows.length, contentHash: hash, fileName: input.fileName } }),
        outboxPut({ queue: queues.registerEvents.name, body: { type: 'register.committed', v: 1, compoundId, version } }).item,
      ],
    }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new Conflict('Another register was committed for this compound meanwhile; run the import again', 'register_changed');
    }
    throw error;
  }
  return { ...base, ok: true, preview, unchanged: false, version };
}

export async function loadRows(compoundId: string, hash: string): Promise<RegisterRow[]> {
  const rows: RegisterRow[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.registerRowsPk(compoundId, hash) },
      ExclusiveStartKey,
    }));
    for (const item of page.Items ?? []) {
      rows.push({
        building: item.building, unit: item.unit, areaHundredths: item.areaHundredths, areaSource: item.areaSource,
        ownerName: item.ownerName, ownerRef: item.ownerRef, phone: item.phone, developerUnsold: item.developerUnsold,
      });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return rows;
}

/**
 * Computes a version's totals from its stored rows and stores them on the version and, if it
 * is still the current one, on the compound. Running it twice writes the same values.
 */
export async function storeTotals(compoundId: string, version: number): Promise<RegisterTotals | null> {
  const TableName = tableName();
  const { Item } = await ddb.send(new GetCommand({ TableName, Key: keys.registerVersion(compoundId, version), ConsistentRead: true }));
  const item = Item as RegisterVersionItem | undefined;
  if (!item) return null;
  const rows = await loadRows(compoundId, item.contentHash);
  if (rows.length !== item.rowCount) throw new Error(`register ${compoundId} v${version}: ${rows.length} rows stored, ${item.rowCount} expected`);
  const totals = registerTotals(rows);
  const setVersionTotals = { TableName, Key: keys.registerVersion(compoundId, version), UpdateExpression: 'SET totals = :t', ExpressionAttributeValues: { ':t': totals } };
  try {
    // Version and compound change together, so nobody reads a version with totals while the
    // compound still shows the old counts.
    await ddb.send(new TransactWriteCommand({
      TransactItems: [
        { Update: setVersionTotals },
        {
          Update: {
            TableName,
            Key: keys.compound(compoundId),
            UpdateExpression: 'SET unitCount = :u, totalAreaHundredths = :a, ownerHeads = :h',
            ConditionExpression: 'currentVersion = :v',
            ExpressionAttributeValues: { ':u': totals.unitCount, ':a': totals.totalAreaHundredths, ':h': totals.ownerHeads, ':v': version },
          },
        },
      ],
    }));
  } catch (error) {
    // A newer version is current: its own event sets the compound's counts; this one only
    // records its totals on its version.
    if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[1]?.Code !== 'ConditionalCheckFailed') throw error;
    await ddb.send(new UpdateCommand(setVersionTotals));
  }
  return totals;
}
