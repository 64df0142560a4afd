// The registry over HTTP against the local district: DynamoDB Local, fauxqs, the relay and
// the consumer all real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, eventually, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { registerTotals } from '../../shared/registry/register.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const xizang = d.communities.find((c) => c.name === '西藏路社区')!;
const target = d.compounds.find((c) => c.communityId === jinkou.id)!;
const elsewhere = d.compounds.find((c) => c.communityId === xizang.id)!;
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const HEADER = '楼栋,房号,专有面积,面积来源,业主姓名,业主编号,联系电话,开发商未售';

let district: LocalDistrict;
let admin: string;
let jinkouStaff: string;
let xizangStaff: string;

async function countItems(pkPrefix: string) {
  const out = await district.doc.send(new ScanCommand({ TableName: district.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': pkPrefix }, ConsistentRead: true }));
  return out.Items?.length ?? 0;
}

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  jinkouStaff = await district.auth.issue('jinkou');
  xizangStaff = await district.auth.issue('xizang');
});
afterAll(async () => district?.stop());

describe('district tree', () => {
  it('has 10 streets, 50 communities, 238 compounds and 505 grids, public and for the admin', async () => {
    const pub = await call(district, 'GET', '/api/public/district');
    expect(pub.status).toBe(200);
    expect(pub.json.counts).toMatchObject({ streets: 10, communities: 50, compounds: 238, grids: 505 });
    expect(pub.json.name).toBe('市南区');
    const staff = await call(district, 'GET', '/api/registry/tree', { token: admin });
    expect(staff.json.counts.compounds).toBe(238);
  });

  it('gives community staff their own community only', async () => {
    const tree = await call(district, 'GET', '/api/registry/tree', { token: jinkouStaff });
    const ids = tree.json.streets.flatMap((s: any) => s.communities).map((c: any) => c.id);
    expect(ids).toEqual([jinkou.id]);
  });

  it('keeps another community\'s compound closed: read and write are 403', async () => {
    expect((await call(district, 'GET', `/api/registry/compounds/${target.id}`, { token: jinkouStaff })).status).toBe(200);
    expect((await call(district, 'GET', `/api/registry/compounds/${elsewhere.id}`, { token: jinkouStaff })).status).toBe(403);
    const put = await call(district, 'PUT', `/api/registry/compounds/${elsewhere.id}`, { token: jinkouStaff, body: { name: '改名', address: '某路1号', communityId: xizang.id, buildings: ['1号楼'] } });
    expect(put.status).toBe(403);
    const imp = await call(district, 'POST', `/api/registry/compounds/${elsewhere.id}/register/imports`, { token: jinkouStaff, body: { mode: 'dry-run', fileName: 'x.csv', contentBase64: b64(HEADER) } });
    expect(imp.status).toBe(403);
    expect((await call(district, 'GET', `/api/registry/compounds/${elsewhere.id}`, { token: xizangStaff })).status).toBe(200);
  });

  it('does not let community staff move their compound into, or create one in, another community', async () => {
    const move = await call(district, 'PUT', `/api/registry/compounds/${target.id}`, { token: jinkouStaff, body: { name: target.name, address: target.address, communityId: xizang.id, buildings: target.buildings, gridIds: target.gridIds, contract: target.contract } });
    expect(move.status).toBe(403);
    const create = await call(district, 'PUT', '/api/registry/compounds/test-foreign', { token: jinkouStaff, body: { name: '越权新建小区', address: '某路3号', communityId: xizang.id, buildings: ['1号楼'] } });
    expect(create.status).toBe(403);
    const after = await call(district, 'GET', `/api/registry/compounds/${target.id}`, { token: jinkouStaff });
    expect(after.json.compound.communityId).toBe(jinkou.id);
    expect((await call(district, 'GET', '/api/registry/compounds/test-foreign', { token: admin })).status).toBe(404);
  });

  it('answers 401 without a token, or with a token signed by another key or expired', async () => {
    expect((await call(district, 'GET', '/api/registry/tree')).status).toBe(401);
    const [h, p] = admin.split('.');
    expect((await call(district, 'GET', '/api/registry/tree', { token: `${h}.${p}.AAAA` })).status).toBe(401);
    const expired = await district.auth.sign(district.auth.claimsOf({ sub: 'admin', role: 'district_admin', scopeId: 'district' }), Math.floor(Date.now() / 1000) - 10);
    expect((await call(district, 'GET', '/api/registry/tree', { token: expired })).status).toBe(401);
  });
});

describe('compounds', () => {
  it('creates, edits with the revision check, and audits each write', async () => {
    const id = 'test-new-compound';
    const body = { name: '测试新建小区', address: '青岛市市南区测试路1号', communityId: jinkou.id, buildings: ['1号楼', '2号楼'], gridIds: [], contract: null };
    const created = await call(district, 'PUT', `/api/registry/compounds/${id}`, { token: jinkouStaff, body });
    expect(created.status).toBe(201);
    expect(created.json.compound).toMatchObject({ id, rev: 1, streetId: jinkou.streetId, currentVersion: 0 });
    const edited = await call(district, 'PUT', `/api/registry/compounds/${id}`, { token: jinkouStaff, body: { ...body, buildings: ['1号楼', '2号楼', '3号楼'] } });
    expect(edited.status).toBe(200);
    expect(edited.json.compound.rev).toBe(2);
    const audit = await call(district, 'GET', `/api/audit?target=compound:${id}`, { token: admin });
    expect(audit.json.entries.map((e: any) => e.action)).toEqual(['compound.update', 'compound.create']);
    expect(JSON.parse(audit.json.entries[0].before).buildings).toEqual(['1号楼', '2号楼']);
    expect(audit.json.entries[0].actor).toBe('jinkou');
  });

  it('refuses an edit made on a page opened before someone else\'s change, and keeps that change', async () => {
    const id = 'test-stale-compound';
    const body = { name: '测试并发小区', address: '青岛市市南区测试路2号', communityId: jinkou.id, buildings: ['1号楼'], gridIds: [], contract: null };
    expect((await call(district, 'PUT', `/api/registry/compounds/${id}`, { token: jinkouStaff, body })).status).toBe(201);
    // Someone adds a building; a page still holding rev 1 then saves its own edit.
    const added = await call(district, 'POST', `/api/registry/compounds/${id}/buildings`, { token: admin, body: { name: '新1号楼' } });
    expect(added.status, added.text).toBe(201);
    expect(added.json).toMatchObject({ buildings: ['1号楼', '新1号楼'], rev: 2, added: true });
    const stale = await call(district, 'PUT', `/api/registry/compounds/${id}`, { token: jinkouStaff, body: { ...body, rev: 1, buildings: ['1号楼', '新2号楼'] } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('stale_revision');
    expect((await call(district, 'GET', `/api/registry/compounds/${id}`, { token: admin })).json.compound.buildings).toEqual(['1号楼', '新1号楼']);
  });

  it('adds buildings one at a time from the import report: concurrent adds all kept, a repeat a no-op, another spelling refused', async () => {
    const id = 'test-add-buildings';
    const body = { name: '测试加楼小区', address: '青岛市市南区测试路3号', communityId: jinkou.id, buildings: ['1号楼'], gridIds: [], contract: null };
    expect((await call(district, 'PUT', `/api/registry/compounds/${id}`, { token: jinkouStaff, body })).status).toBe(201);
    const names = Array.from({ length: 8 }, (_, i) => `${i + 2}号楼`);
    const results = await Promise.all(names.map((name, i) => call(district, 'POST', `/api/registry/compounds/${id}/buildings`, { token: i % 2 ? admin : jinkouStaff, body: { name } })));
    expect(results.map((r) => r.status)).toEqual(names.map(() => 201));
    const stored = (await call(district, 'GET', `/api/registry/compounds/${id}`, { token: admin })).json.compound;
    expect([...stored.buildings].sort()).toEqual(['1号楼', ...names].sort());
    expect(stored.rev).toBe(1 + names.length);
    const again = await call(district, 'POST', `/api/registry/compounds/${id}/buildings`, { token: jinkouStaff, body: { name: '2号楼' } });
    expect(again.status).toBe(200);
    expect(again.json.added).toBe(false);
    // Tried: full-width digits, a space, another suffix. Each points at the building it spells.
    for (const name of ['１号楼', '1 号楼', '1栋']) {
      const similar = await call(district, 'POST', `/api/registry/compounds/${id}/buildings`, { token: jinkouStaff, body: { name }, lang: 'zh-CN' });
      expect(similar.status, name).toBe(400);
      expect(similar.json.error.code).toBe('similar_building');
      expect(similar.json.error.fields[0]).toEqual({ path: 'body.name', reason: '请在文件中改写为“1号楼”' });
    }
    const audit = await call(district, 'GET', `/api/audit?target=compound:${id}`, { token: admin });
    expect(audit.json.entries.filter((e: any) => e.action === 'compound.add-building')).toHaveLength(names.length);
    // Another community's staff may not add to this compound.
    expect((await call(district, 'POST', `/api/registry/compounds/${id}/buildings`, { token: xizangStaff, body: { name: '99号楼' } })).status).toBe(403);
  });

  it('finds a compound created elsewhere right after a 404 here (misses are not cached)', async () => {
    const id = 'test-elsewhere';
    expect((await call(district, 'GET', `/api/registry/compounds/${id}`, { token: jinkouStaff })).status).toBe(404);
    // Another container creates it: straight into the table, past this process's caches.
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { pk: 'DISTRICT', sk: `COMPOUND#${id}`, et: 'compound', id, name: '别处新建小区', address: '某路9号', communityId: jinkou.id, streetId: jinkou.streetId, buildings: ['1号楼'], gridIds: [], contract: null, rev: 1, currentVersion: 0, registerHash: '', unitCount: 0, totalAreaHundredths: 0, ownerHeads: 0, updatedAt: new Date().toISOString() } }));
    expect((await call(district, 'GET', `/api/registry/compounds/${id}`, { token: jinkouStaff })).status).toBe(200);
  });

  it('refuses unknown references with the field that names them, and writes nothing', async () => {
    const res = await call(district, 'PUT', '/api/registry/compounds/test-bad-ref', { token: admin, body: { name: '引用错误小区', address: '某路2号', communityId: jinkou.id, buildings: ['1号楼'], gridIds: ['g999'], contract: { companyId: 'nope', startsOn: '2025-01-01', endsOn: '2027-01-01', feeFenPerM2: 120 } } });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: any) => f.path).sort()).toEqual(['body.contract.companyId', 'body.gridIds.0']);
    expect((await call(district, 'GET', '/api/registry/compounds/test-bad-ref', { token: admin })).status).toBe(404);
  });

  it('lets only a district admin add a property company, audited, and then contract it', async () => {
    const body = { name: '青岛测试物业服务有限公司', creditCode: '91370202MA3C1234XY' };
    expect((await call(district, 'PUT', '/api/registry/companies/pc-test', { token: jinkouStaff, body })).status).toBe(403);
    expect((await call(district, 'PUT', '/api/registry/companies/pc-test', { token: admin, body: { ...body, creditCode: '123' } })).json.error.fields[0].path).toBe('body.creditCode');
    const created = await call(district, 'PUT', '/api/registry/companies/pc-test', { token: admin, body });
    expect(created.status).toBe(201);
    const audit = await call(district, 'GET', '/api/audit?target=company:pc-test', { token: admin });
    expect(audit.json.entries.map((e: any) => e.action)).toEqual(['company.create']);
    const contracted = await call(district, 'PUT', '/api/registry/compounds/test-new-compound', { token: jinkouStaff, body: { name: '测试新建小区', address: '青岛市市南区测试路1号', communityId: jinkou.id, buildings: ['1号楼', '2号楼', '3号楼'], contract: { companyId: 'pc-test', startsOn: '2026-01-01', endsOn: '2028-12-31', feeFenPerM2: 150 } } });
    expect(contracted.status).toBe(200);
    const tree = await call(district, 'GET', '/api/registry/tree', { token: jinkouStaff });
    const compound = tree.json.streets[0].communities[0].compounds.find((c: any) => c.id === 'test-new-compound');
    expect(compound.company).toBe('青岛测试物业服务有限公司');
  });

  it('refuses a contract that ends before it starts', async () => {
    const res = await call(district, 'PUT', `/api/registry/compounds/${target.id}`, { token: admin, body: { name: target.name, address: target.address, communityId: jinkou.id, buildings: target.buildings, contract: { companyId: 'pc01', startsOn: '2026-01-01', endsOn: '2025-01-01', feeFenPerM2: 100 } } });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual([{ path: 'body.contract.endsOn', reason: 'endsOn must be after startsOn' }]);
  });
});

describe('owners\' register import', () => {
  const rows = demoRegisterRows(target);
  const good = rowsToCsv(rows);
  const path = `/api/registry/compounds/${target.id}/register/imports`;

  it('reports a malformed file row by row and writes nothing, even when asked to commit', async () => {
    const bad = [HEADER, `${target.buildings[0]},1-101,89.5,不动产登记,张三,,13800000001,否`, `${target.buildings[0]},1-101,90,不动产登记,李四,,,否`, '99号楼,1-102,abc,估算,王五,,12345,否'].join('\r\n');
    const dry = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'dry-run', fileName: 'bad.csv', contentBase64: b64(bad) } });
    expect(dry.status).toBe(200);
    expect(dry.json.ok).toBe(false);
    expect(dry.json.issues.map((i: any) => `${i.line}:${i.column}:${i.code}`)).toEqual(['3:房号:duplicate_unit', '4:楼栋:building_unknown', '4:专有面积:area_invalid', '4:面积来源:area_source_invalid', '4:联系电话:phone_invalid']);
    const commit = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'bad.csv', contentBase64: b64(bad) } });
    expect(commit.status).toBe(400);
    expect(commit.json.error.code).toBe('register_invalid');
    expect(commit.json.error.fields[0]).toEqual({ path: 'line 3 房号', reason: expect.stringContaining('duplicate_unit') });
    const versions = await call(district, 'GET', `/api/registry/compounds/${target.id}/register/versions`, { token: jinkouStaff });
    expect(versions.json.versions).toEqual([]);
    expect(await countItems('OUTBOX#')).toBe(0);
    expect(await countItems(`REGROWS#${target.id}#`)).toBe(0);
    // To a zh-CN page, the commit refusal is Chinese too, reason by reason.
    const zh = await call(district, 'POST', path, { token: jinkouStaff, lang: 'zh-CN', body: { mode: 'commit', fileName: 'bad.csv', contentBase64: b64(bad) } });
    expect(zh.json.error.message).toBe('名册有 5 处问题，未写入任何数据');
    expect(zh.json.error.fields[0]).toEqual({ path: 'line 3 房号', reason: `房号重复：${target.buildings[0]} 1-101，第 2 行已有` });
  });

  it('keeps the report of a file wrong on every row small: the first 500 problems, the count, the names once', async () => {
    const rowsOff = Array.from({ length: 3000 }, (_, i) => `${i % 9}栋,${i}-1,80,不动产登记,业主${i},,,否`);
    const dry = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'dry-run', fileName: 'off.csv', contentBase64: b64([HEADER, ...rowsOff].join('\r\n')) } });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ ok: false, issueCount: 3000 });
    expect(dry.json.issues).toHaveLength(500);
    expect(dry.json.issues.filter((i: { accepted?: string[] }) => i.accepted)).toHaveLength(1);
    expect(dry.json.issues[0].accepted).toEqual(target.buildings);
    expect(dry.text.length).toBeLessThan(150_000);
    // Tried by the second attack: 500 rows whose building is 3,200 backslashes (each doubled in JSON).
    const huge = Array.from({ length: 500 }, (_, i) => `${'\\'.repeat(3200)},${i}-1,80,不动产登记,业主${i},,,否`);
    const big = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'dry-run', fileName: 'huge.csv', contentBase64: b64([HEADER, ...huge].join('\r\n')) } });
    expect(big.status).toBe(200);
    expect(big.json.ok).toBe(false);
    expect(big.text.length).toBeLessThan(300_000);
    expect(big.json.issues.find((i: { code: string }) => i.code === 'building_unknown').value).toHaveLength(41);
  });

  it('commits a good file once: the same file again yields the same single version', async () => {
    const dry = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'dry-run', fileName: 'good.csv', contentBase64: b64(good) } });
    expect(dry.json).toMatchObject({ ok: true, rowCount: rows.length, unchanged: false, version: null });
    expect((await call(district, 'GET', `/api/registry/compounds/${target.id}/register/versions`, { token: jinkouStaff })).json.versions).toEqual([]);

    const first = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'good.csv', contentBase64: b64(good) } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ok: true, version: 1, unchanged: false });
    const again = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'good-copy.csv', contentBase64: b64(good) } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ ok: true, version: 1, unchanged: true });
    const versions = await call(district, 'GET', `/api/registry/compounds/${target.id}/register/versions`, { token: jinkouStaff });
    expect(versions.json.versions.map((v: any) => v.version)).toEqual([1]);
  });

  it('computes the stored totals through the event and its consumer, by the legal counting rules', async () => {
    const expected = registerTotals(rows);
    const detail = await eventually(async () => {
      const r = await call(district, 'GET', `/api/registry/compounds/${target.id}`, { token: jinkouStaff });
      return r.json.register?.totals ? r.json : null;
    });
    expect(detail.register.totals).toEqual(expected);
    expect(detail.compound).toMatchObject({ unitCount: expected.unitCount, ownerHeads: expected.ownerHeads, totalAreaHundredths: expected.totalAreaHundredths });
    expect(expected.ownerHeads).toBeLessThan(expected.unitCount);
    // The outbox item is gone once the relay has sent it.
    await eventually(async () => (await countItems('OUTBOX#')) === 0 || null);
  });

  it('treats the same register saved as GBK, in another row order, as unchanged', async () => {
    const text = good.replace(/^\uFEFF/, '').trim().split('\r\n');
    const reordered = [text[0], ...text.slice(1).reverse()].join('\r\n');
    const gbk = Buffer.from(new Uint8Array(encodeGb18030(reordered)));
    const res = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'gbk.csv', contentBase64: gbk.toString('base64') } });
    expect(res.json).toMatchObject({ ok: true, unchanged: true, version: 1, encoding: 'gb18030' });
  });

  it('exports CSV that imports back unchanged', async () => {
    const res = await call(district, 'GET', `/api/registry/compounds/${target.id}/register/export`, { token: jinkouStaff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.text.split('\r\n')[0]).toBe(HEADER);
    // Excel on Chinese Windows needs the BOM to read UTF-8 (fetch's text() hides it).
    const bytes = new Uint8Array(await (await fetch(`${district.url}/api/registry/compounds/${target.id}/register/export`, { headers: { authorization: `Bearer ${jinkouStaff}` } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'export.csv', contentBase64: b64(res.text) } });
    expect(back.json).toMatchObject({ unchanged: true, version: 1 });
  });

  it('a changed file makes version 2; the audit trail has both commits', async () => {
    const changed = rowsToCsv(rows.map((r, i) => (i === 0 ? { ...r, areaHundredths: r.areaHundredths + 1 } : r)));
    const res = await call(district, 'POST', path, { token: jinkouStaff, body: { mode: 'commit', fileName: 'v2.csv', contentBase64: b64(changed) } });
    expect(res.json).toMatchObject({ version: 2, unchanged: false });
    const audit = await call(district, 'GET', `/api/audit?target=compound:${target.id}`, { token: admin });
    expect(audit.json.entries.filter((e: any) => e.action === 'register.commit')).toHaveLength(2);
    // Old versions stay readable: votes will pin to them.
    const v1 = await call(district, 'GET', `/api/registry/compounds/${target.id}/register/export?version=1`, { token: jinkouStaff });
    expect(v1.status).toBe(200);
    expect(v1.text).toBe((await call(district, 'GET', `/api/registry/compounds/${target.id}/register/export?version=1`, { token: admin })).text);
  });

  it('lets exactly one of two different concurrent commits win', async () => {
    const compound = d.compounds.find((c) => c.communityId === jinkou.id && c.id !== target.id)!;
    const base = demoRegisterRows(compound);
    const a = rowsToCsv(base);
    const b = rowsToCsv(base.map((r) => ({ ...r, areaHundredths: r.areaHundredths + 1 })));
    const p = `/api/registry/compounds/${compound.id}/register/imports`;
    const results = await Promise.all([a, b].map((csv, i) => call(district, 'POST', p, { token: jinkouStaff, body: { mode: 'commit', fileName: `${i}.csv`, contentBase64: b64(csv) } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.json.error.code).toBe('register_changed');
    const versions = await call(district, 'GET', `/api/registry/compounds/${compound.id}/register/versions`, { token: jinkouStaff });
    expect(versions.json.versions.map((v: any) => v.version)).toEqual([1]);
  });

  it('refuses to remove a building the current register still uses', async () => {
    const res = await call(district, 'PUT', `/api/registry/compounds/${target.id}`, { token: jinkouStaff, body: { name: target.name, address: target.address, communityId: jinkou.id, buildings: target.buildings.slice(1), gridIds: target.gridIds, contract: target.contract } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'building_in_use', fields: [{ path: 'body.buildings' }] });
  });

  it('keeps personal data out of the public page', async () => {
    const pub = await call(district, 'GET', '/api/public/district');
    for (const r of rows.slice(0, 50)) {
      if (r.ownerName) expect(pub.text).not.toContain(r.ownerName);
      if (r.phone) expect(pub.text).not.toContain(r.phone);
    }
  });
});

/** GB18030 bytes for a string, built from Node's decoder table (Node has no GBK encoder). */
function encodeGb18030(text: string): number[] {
  const table = gbTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return out;
}
let cached: Map<string, number[]> | undefined;
function gbTable() {
  if (cached) return cached;
  cached = new Map();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
    if (b === 0x7f) continue;
    const ch = dec.decode(new Uint8Array([a, b]));
    if (ch.length === 1 && ch !== '\ufffd' && !cached.has(ch)) cached.set(ch, [a, b]);
  }
  return cached;
}
