// Joint projects (社区出题、部门领题) and red shock teams over HTTP against the local district,
// and the two assessment indicators they feed, recounted from their stored records.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { call, testDistrict } from '../support/district.ts';
import { department, pair } from '../support/evaluations.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import type { StaffRole } from '../../shared/access.ts';
import { quarterOf } from '../../shared/assessment/quarter.ts';
import { JPEG, PNG, staffForms, uploadForm } from '../support/photos.ts';

const d = demoDistrict();
const A = d.communities[0]!;
const B = d.communities[1]!;
const compoundOf = (c: { id: string }) => d.compounds.find((x) => x.communityId === c.id)!;
let district: LocalDistrict;
let admin: string;
const tokenOf = (role: StaffRole, scopeId: string, name = '测试') => district.auth.sign(district.auth.claimsOf({ sub: `t-${role}-${scopeId}`, name, role, scopeId }), Math.floor(Date.now() / 1000) + 3600);
let communityA: string, communityB: string, depA: string, depB: string;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  await department(district, admin, 'pj-a', '项目测试甲局');
  await department(district, admin, 'pj-b', '项目测试乙局');
  await pair(district, admin, A.id, ['pj-a']);
  await pair(district, admin, B.id, ['pj-b']);
  [communityA, communityB, depA, depB] = await Promise.all([tokenOf('community_staff', A.id), tokenOf('community_staff', B.id), tokenOf('department', 'pj-a'), tokenOf('department', 'pj-b')]);
});
afterAll(async () => district?.stop());

describe('a joint project', () => {
  let id = '';
  const path = (p = '') => `/api/projects/${A.id}/${id}${p}`;
  const revOf = async () => (await call(district, 'GET', path(), { token: admin })).json.rev as number;

  it('is posted by its community, for its own compounds only', async () => {
    const outside = await call(district, 'POST', `/api/projects/${A.id}`, { token: communityA, body: { title: '加装电梯协调', description: '老旧小区加装电梯，需要协调规划和资金。', compoundIds: [compoundOf(B).id] }, lang: 'zh-CN' });
    expect(outside.status).toBe(400);
    expect(outside.json.error.fields[0]).toEqual({ path: 'body.compoundIds.0', reason: '不是本社区的小区' });
    expect((await call(district, 'POST', `/api/projects/${A.id}`, { token: communityB, body: { title: '加装电梯协调', description: '老旧小区加装电梯，需要协调规划和资金。', compoundIds: [] } })).status).toBe(403);
    const res = await call(district, 'POST', `/api/projects/${A.id}`, { token: communityA, body: { title: '加装电梯协调', description: '老旧小区加装电梯，需要协调规划和资金。', compoundIds: [compoundOf(A).id] } });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ state: 'proposed', departmentId: null, rev: 1 });
    id = res.json.id;
  });

  it('is offered to the paired department only, and claimed once', async () => {
    expect((await call(district, 'GET', '/api/projects?state=proposed', { token: depA })).json.projects.map((p: { id: string }) => p.id)).toContain(id);
    expect((await call(district, 'GET', '/api/projects', { token: depB })).json.projects.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await call(district, 'GET', path(), { token: depB })).status).toBe(403);
    expect((await call(district, 'POST', path('/claim'), { token: depB })).status).toBe(403);
    const [one, two] = await Promise.all([call(district, 'POST', path('/claim'), { token: depA }), call(district, 'POST', path('/claim'), { token: depA })]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect((await call(district, 'GET', path(), { token: admin })).json).toMatchObject({ state: 'claimed', departmentId: 'pj-a', departmentName: '项目测试甲局' });
  });

  it('gets a plan, evidence per milestone, and is done only when every milestone has its evidence', async () => {
    const plan = await call(district, 'PUT', path('/plan'), { token: depA, body: { rev: await revOf(), goals: '年内完成 2 部电梯加装。', milestones: [{ title: '方案公示', dueOn: today() }, { title: '开工', dueOn: today() }] } });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.json.state).toBe('in_progress');
    expect((await call(district, 'PUT', path('/plan'), { token: depA, body: { rev: 1, goals: '按旧版本修改的目标', milestones: [{ title: '方案', dueOn: today() }] } })).status).toBe(409);
    const early = await call(district, 'POST', path('/state'), { token: communityA, body: { rev: await revOf(), state: 'done' }, lang: 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toBe('每个节点都记录完成情况后，项目才能完成');
    const future = await call(district, 'POST', path('/milestones/m1/evidence'), { token: communityA, body: { rev: await revOf(), text: '方案已在小区公示 7 天。', doneOn: '2099-01-01' } });
    expect(future.status).toBe(400);
    expect(future.json.error.fields[0].path).toBe('body.doneOn');
    const before = await call(district, 'POST', path('/milestones/m1/evidence'), { token: communityA, body: { rev: await revOf(), text: '补记的完成情况', doneOn: '2001-01-01' } });
    expect(before.json.error.fields).toEqual([{ path: 'body.doneOn', reason: 'not more than a year before the project was posted' }]);
    for (const m of ['m1', 'm2']) expect((await call(district, 'POST', path(`/milestones/${m}/evidence`), { token: m === 'm1' ? communityA : depA, body: { rev: await revOf(), text: '已完成，照片存档。', doneOn: today() } })).status).toBe(200);
    expect((await call(district, 'POST', path('/milestones/m9/evidence'), { token: depA, body: { rev: await revOf(), text: '不存在的节点', doneOn: today() } })).status).toBe(404);
    // Tried: a revised plan that repeats a title (one evidence would cover both), drops a milestone
    // already done (its evidence would vanish), or is due years before the project was posted.
    const rev = await revOf();
    const plans: [object[], string][] = [
      [[{ title: '方案公示', dueOn: today() }, { title: '开工', dueOn: today() }, { title: '开工', dueOn: today() }], 'body.milestones.2.title'],
      [[{ title: '开工', dueOn: today() }], 'body.milestones'],
      [[{ title: '方案公示', dueOn: today() }, { title: '开工', dueOn: today() }, { title: '验收', dueOn: '2001-01-01' }], 'body.milestones.2.dueOn'],
    ];
    for (const [milestones, field] of plans) {
      const res = await call(district, 'PUT', path('/plan'), { token: communityA, body: { rev, goals: '修改后的目标', milestones } });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
    expect(await revOf()).toBe(rev);
    // Evidence once recorded stays: a second for the same milestone is refused.
    const second = await call(district, 'POST', path('/milestones/m1/evidence'), { token: depA, body: { rev, text: '覆盖原来的完成情况', doneOn: today() } });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('evidenced');
    const done = await call(district, 'POST', path('/state'), { token: depA, body: { rev: await revOf(), state: 'done' } });
    expect(done.status).toBe(200);
    expect(done.json.doneAt).toEqual(expect.any(String));
    expect((await call(district, 'POST', path('/state'), { token: admin, body: { rev: await revOf(), state: 'dropped', reason: '误操作，应撤销' } })).status).toBe(409);
  });

  it('keeps evidence photos that the one recording it uploaded, checks their bytes, and links them to readers of the project only', async () => {
    const made = (await call(district, 'POST', `/api/projects/${A.id}`, { token: communityA, body: { title: '口袋公园改造', description: '闲置空地改造成口袋公园，需要规划和施工。', compoundIds: [] } })).json;
    const at = (p = '') => `/api/projects/${A.id}/${made.id}${p}`;
    const rev = async () => (await call(district, 'GET', at(), { token: admin })).json.rev as number;
    expect((await call(district, 'POST', at('/claim'), { token: depA })).status).toBe(200);
    expect((await call(district, 'PUT', at('/plan'), { token: depA, body: { rev: await rev(), goals: '三个月内建成开放。', milestones: [{ title: '施工完成', dueOn: today() }, { title: '验收', dueOn: today() }] } })).status).toBe(200);
    const key = 'ab'.repeat(16);
    const [first, second] = await staffForms(district, depA, key, ['image/jpeg', 'image/png']);
    expect(first!.fields.key).toMatch(/^incoming\/[A-Za-z0-9_-]{32}\/0$/);
    await uploadForm(first!, JPEG, 'image/jpeg');
    await uploadForm(second!, Buffer.from('<html>not a picture</html>'), 'image/png');
    const evidence = (extra: object, token = depA) => call(district, 'POST', at('/milestones/m1/evidence'), { token, body: { text: '公园已建成，附现场照片。', doneOn: today(), ...extra } });
    // Tried: photos without their key; more than six; the department's key used by the community
    // (the folder is bound to who uploaded); a PNG that is text. Each a 400 naming the field.
    const tries: [object, string, string][] = [
      [{ rev: await rev(), photos: 2 }, 'body.photoKey', 'required when photos are sent'],
      [{ rev: await rev(), photos: 7, photoKey: key }, 'body.photos', 'at most 6 photos'],
      [{ rev: await rev(), photos: 2, photoKey: key }, 'body.photos', 'photo 2: not a JPEG, PNG or WebP image'],
    ];
    for (const [body, path, reason] of tries) {
      const res = await evidence(body);
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.fields).toEqual([{ path, reason }]);
    }
    const borrowed = await evidence({ rev: await rev(), photos: 1, photoKey: key }, communityA);
    expect(borrowed.json.error.fields).toEqual([{ path: 'body.photos', reason: 'photo 1: not uploaded; send it again' }]);
    // Nothing was recorded by the refusals.
    expect((await call(district, 'GET', at(), { token: admin })).json.milestones[0].evidence).toBeNull();
    await uploadForm(second!, PNG, 'image/png');
    const ok = await evidence({ rev: await rev(), photos: 2, photoKey: key });
    expect(ok.status, ok.text).toBe(200);
    // The paired community reads them through short-lived links; another community cannot read the project.
    const seen = (await call(district, 'GET', at(), { token: communityA })).json.milestones[0].evidence;
    expect(seen.photos.map((p: { type: string; bytes: number }) => [p.type, p.bytes])).toEqual([['image/jpeg', JPEG.length], ['image/png', PNG.length]]);
    const got = await fetch(seen.photos[0].url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(new URL(seen.photos[0].url).pathname).toContain(`/evidence/projects/${A.id}/${made.id}/m1/`);
    expect((await call(district, 'GET', at(), { token: communityB })).status).toBe(403);
    // The link is for that one object: the same path unsigned is refused.
    expect((await fetch(seen.photos[0].url.split('?')[0]!)).status).toBe(403);
    // Two people record the same milestone at once, each with a photo: one wins, and the record
    // shows the winner's photo, not the other's (each request keeps its copies apart).
    const [a] = await staffForms(district, depA, 'a1'.repeat(16), ['image/jpeg']);
    const [b] = await staffForms(district, communityA, 'b1'.repeat(16), ['image/png']);
    await uploadForm(a!, JPEG, 'image/jpeg');
    await uploadForm(b!, PNG, 'image/png');
    const r = await rev();
    const race = await Promise.all([
      call(district, 'POST', at('/milestones/m2/evidence'), { token: depA, body: { rev: r, text: '验收完成（部门记录）', doneOn: today(), photos: 1, photoKey: 'a1'.repeat(16) } }),
      call(district, 'POST', at('/milestones/m2/evidence'), { token: communityA, body: { rev: r, text: '验收完成（社区记录）', doneOn: today(), photos: 1, photoKey: 'b1'.repeat(16) } }),
    ]);
    expect(race.map((x) => x.status).sort()).toEqual([200, 409]);
    const kept = (await call(district, 'GET', at(), { token: admin })).json.milestones[1].evidence;
    const winner = race[0]!.status === 200 ? { text: '验收完成（部门记录）', bytes: JPEG } : { text: '验收完成（社区记录）', bytes: PNG };
    expect(kept.text).toBe(winner.text);
    expect(Buffer.from(await (await fetch(kept.photos[0].url)).arrayBuffer()).equals(winner.bytes)).toBe(true);
    // A save answers with links too, never bucket keys.
    expect(JSON.stringify(race.find((x) => x.status === 200)!.json)).not.toContain('"key"');
  });

  it('keeps only the bytes it checked: a photo sent again between the check and the copy is refused', async () => {
    // The module the handlers use, loaded after the district set its bucket and endpoint.
    const { checkedPhotos, keepPhotos, staffSeed } = await import('../../functions/photos/bucket.ts');
    const sub = 't-department-pj-a';
    const [form] = await staffForms(district, depA, 'c1'.repeat(16), ['image/jpeg']);
    await uploadForm(form!, JPEG, 'image/jpeg');
    const checked = await checkedPhotos(staffSeed(sub, 'c1'.repeat(16)), 1);
    // Tried: the uploader sends other bytes to the same key with the same (still valid) form.
    const other = Buffer.concat([JPEG.subarray(0, 12), Buffer.alloc(900, 9), Buffer.from([0xff, 0xd9])]);
    await uploadForm(form!, other, 'image/jpeg');
    await expect(keepPhotos(checked, 'evidence', 'test/swap')).rejects.toMatchObject({ fields: [{ path: 'body.photos', reason: 'photo 1: changed after it was checked; send it again' }] });
    // Checked again, the new bytes are kept as they are.
    const again = await checkedPhotos(staffSeed(sub, 'c1'.repeat(16)), 1);
    expect(await keepPhotos(again, 'evidence', 'test/swap')).toEqual([{ key: 'evidence/test/swap/0', type: 'image/jpeg', bytes: other.length }]);
    // Tried: other bytes sent between reading the size and reading the first bytes (the send is
    // held at that moment; the bucket is the real emulator): refused, not checked on the new bytes.
    const send = S3Client.prototype.send;
    let swapped = false;
    const spy = vi.spyOn(S3Client.prototype, 'send').mockImplementation(async function (this: S3Client, command: { input?: { Range?: string } }, ...rest: unknown[]) {
      if (!swapped && command.input?.Range) {
        swapped = true;
        await uploadForm(form!, JPEG, 'image/jpeg');
      }
      return (send as (...a: unknown[]) => Promise<unknown>).call(this, command, ...rest);
    } as never);
    try {
      await expect(checkedPhotos(staffSeed(sub, 'c1'.repeat(16)), 1)).rejects.toMatchObject({ fields: [{ path: 'body.photos', reason: 'photo 1: changed after it was checked; send it again' }] });
      expect(swapped).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('is dropped only with a reason', async () => {
    const other = (await call(district, 'POST', `/api/projects/${A.id}`, { token: communityA, body: { title: '楼道照明改造', description: '楼道灯老化，需要整体更换为感应灯。', compoundIds: [] } })).json;
    const noReason = await call(district, 'POST', `/api/projects/${A.id}/${other.id}/state`, { token: communityA, body: { rev: 1, state: 'dropped' } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields[0].path).toBe('body.reason');
    expect((await call(district, 'POST', `/api/projects/${A.id}/${other.id}/state`, { token: communityA, body: { rev: 1, state: 'dropped', reason: '已由物业自行解决' } })).status).toBe(200);
  });
});

describe('a red shock team', () => {
  let calloutId = '';
  it('has a roster the department keeps; a community sees names masked and no phone', async () => {
    const roster = { rev: 0, name: '甲局红色突击队', members: [{ id: 'm1', name: '张建国', phone: '13912345678', role: '队长' }, { id: 'm2', name: '李红梅', phone: '13812345678' }] };
    expect((await call(district, 'PUT', '/api/teams/pj-a/flood', { token: depB, body: roster })).status).toBe(403);
    const dup = await call(district, 'PUT', '/api/teams/pj-a/flood', { token: depA, body: { ...roster, members: [roster.members[0], roster.members[0]] } });
    expect(dup.status).toBe(400);
    expect(dup.json.error.fields[0].path).toBe('body.members.1.id');
    expect((await call(district, 'PUT', '/api/teams/pj-a/flood', { token: depA, body: roster })).status).toBe(200);
    const seen = (await call(district, 'GET', '/api/teams', { token: communityA })).json.teams;
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toMatch(/张建国|13912345678|李红梅/);
    expect(seen[0].members[0].name).toBe('张**');
    expect(seen[0].members.every((m: object) => !('phone' in m))).toBe(true);
    expect((await call(district, 'GET', '/api/teams', { token: communityB })).json.teams).toEqual([]);
    const audit = await call(district, 'GET', '/api/audit?target=department:pj-a', { token: admin });
    expect(JSON.stringify(audit.json)).not.toMatch(/张建国|13912345678/);
  });

  it('is called out by a paired community; the department records answers, the community who came', async () => {
    const body = { departmentId: 'pj-a', teamId: 'flood', kind: 'emergency', task: '暴雨积水，转移低洼院落老人。', place: '金口路 12 号院', at: new Date(Date.now() - 600_000).toISOString() };
    // Tried: a time years ahead (it would sort first in every list for ever).
    const far = await call(district, 'POST', '/api/teams/callouts', { token: communityA, body: { ...body, at: '9999-12-31T23:59:59Z' } });
    expect(far.status).toBe(400);
    expect(far.json.error.fields).toEqual([{ path: 'body.at', reason: 'not more than 30 days ahead' }]);
    expect((await call(district, 'POST', '/api/teams/callouts', { token: communityB, body })).status).toBe(403);
    const made = await call(district, 'POST', '/api/teams/callouts', { token: communityA, body });
    expect(made.status, made.text).toBe(201);
    calloutId = made.json.id;
    const base = `/api/teams/callouts/${A.id}/${calloutId}`;
    expect((await call(district, 'POST', `${base}/answers`, { token: depB, body: { answers: { m1: 'coming' } } })).status).toBe(403);
    const stranger = await call(district, 'POST', `${base}/answers`, { token: depA, body: { answers: { m9: 'coming' } } });
    expect(stranger.status).toBe(400);
    expect(stranger.json.error.fields[0].path).toBe('body.answers.m9');
    expect((await call(district, 'POST', `${base}/answers`, { token: depA, body: { answers: { m1: 'coming', m2: 'cannot' } } })).status).toBe(200);
    const came = await call(district, 'POST', `${base}/attendance`, { token: communityA, body: { attended: { m1: 180 }, note: '转移 6 位老人' } });
    expect(came.status).toBe(200);
    expect(came.json).toMatchObject({ attended: { m1: 180 }, closedAt: expect.any(String) });
    expect((await call(district, 'POST', `${base}/attendance`, { token: communityA, body: { attended: { m1: 60 } } })).status).toBe(409);
    const list = (await call(district, 'GET', '/api/teams/callouts', { token: communityA })).json.callouts;
    expect(list.find((c: { id: string }) => c.id === calloutId).members.map((m: { name: string }) => m.name)).toEqual(['张**', '李**']);
    // Who came is recorded after the call-out's time, not before.
    const later = (await call(district, 'POST', '/api/teams/callouts', { token: communityA, body: { ...body, at: new Date(Date.now() + 3_600_000).toISOString() } })).json;
    const early = await call(district, 'POST', `/api/teams/callouts/${A.id}/${later.id}/attendance`, { token: communityA, body: { attended: { m1: 30 } } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('not_yet');
    // A call-out the department never answered: the community may record who came, but that does not make it answered.
    const unanswered = (await call(district, 'POST', '/api/teams/callouts', { token: communityA, body: { ...body, at: new Date(Date.now() - 300_000).toISOString() } })).json;
    expect((await call(district, 'POST', `/api/teams/callouts/${A.id}/${unanswered.id}/attendance`, { token: communityA, body: { attended: { m1: 60 } } })).status).toBe(200);
  });

  it('feeds the quarter\'s assessment: projects done and call-outs answered, recounted from their records', async () => {
    const q = quarterOf(Date.now());
    const results = (await call(district, 'GET', `/api/assessment/quarters/${q}`, { token: admin })).json.preview.results;
    const row = results.find((r: { communityId: string }) => r.communityId === A.id);
    const value = (code: string) => row.indicators.find((i: { code: string }) => i.code === code).value;
    // Recount: A's project records done this quarter, and its call-outs with a member the
    // department recorded as coming (one of three: the others not answered by the department).
    const projects = (await call(district, 'GET', '/api/projects', { token: admin })).json.projects.filter((p: { communityId: string; state: string }) => p.communityId === A.id && p.state === 'done');
    expect(value('projects')).toBe(projects.length);
    expect(value('projects')).toBe(1);
    expect(value('callouts')).toBe(333);
    const rowB = results.find((r: { communityId: string }) => r.communityId === B.id);
    expect(rowB.indicators.find((i: { code: string }) => i.code === 'callouts').value).toBeNull();
    expect(rowB.indicators.find((i: { code: string }) => i.code === 'projects').value).toBe(0);
  });
});
