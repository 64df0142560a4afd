// The year-end selection: nominations of done joint projects and 微心愿 cases, each panel member
// scoring each nomination once, winners frozen once every score is in, and the public list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testDistrict } from '../support/district.ts';
import { department, pair } from '../support/evaluations.ts';
import { JPEG, staffForms, uploadForm } from '../support/photos.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const A = d.communities[2]!;
const B = d.communities[3]!;
const YEAR = '2026';
let district: LocalDistrict;
let admin: string;
let community: string;
const panel = [{ id: 'p1', name: '评审甲' }, { id: 'p2', name: '评审乙' }, { id: 'p3', name: '评审丙' }];

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  await department(district, admin, 'sel-a', '评选测试局');
  await pair(district, admin, A.id, ['sel-a']);
  community = await district.auth.sign(district.auth.claimsOf({ sub: 't-sel', name: '测试', role: 'community_staff', scopeId: A.id }), Math.floor(Date.now() / 1000) + 3600);
});
afterAll(async () => district?.stop());

describe('the year-end selection', () => {
  const nominations: string[] = [];
  let openProject = '';
  it('is set up with a panel and takes nominations: a done project of the community, or a wish told as text', async () => {
    const dup = await call(district, 'PUT', `/api/selection/${YEAR}`, { token: admin, body: { title: '2026年度优秀共建项目评选', panel: [panel[0], panel[0], panel[1]], winners: 1 } });
    expect(dup.status).toBe(400);
    expect((await call(district, 'PUT', `/api/selection/${YEAR}`, { token: admin, body: { title: '2026年度优秀共建项目评选', panel, winners: 1 } })).status).toBe(200);
    // A project not yet done is refused.
    openProject = (await call(district, 'POST', `/api/projects/${A.id}`, { token: community, body: { title: '口袋公园建设', description: '利用闲置空地建设口袋公园。', compoundIds: [] } })).json.id;
    const notDone = await call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: community, body: { kind: 'project', communityId: A.id, projectId: openProject, reason: '居民评价很高' }, lang: 'zh-CN' });
    expect(notDone.status).toBe(400);
    expect(notDone.json.error.fields[0]).toEqual({ path: 'body.projectId', reason: '不是本社区已完成的共建项目' });
    expect((await call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: community, body: { kind: 'wish', communityId: B.id, title: '帮独居老人修好暖气', story: '独居老人家中暖气不热，社区和志愿者上门维修。', reason: '温暖人心的好事' } })).status).toBe(403);
    // The case the district nominates comes with a photo it uploaded.
    const [form] = await staffForms(district, admin, 'cd'.repeat(16), ['image/jpeg']);
    await uploadForm(form!, JPEG, 'image/jpeg');
    for (const [title, by] of [['帮独居老人修好暖气', community], ['为困境儿童圆梦书包', admin]] as const) {
      const res = await call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: by, body: { kind: 'wish', communityId: A.id, title, story: `${title}，联系电话13912345678。`, reason: '群众反响好', ...(by === admin ? { photos: 1, photoKey: 'cd'.repeat(16) } : {}) } });
      expect(res.status, res.text).toBe(201);
      expect(res.json.story).not.toContain('13912345678');
      nominations.push(res.json.id);
    }
    // Staff who read the selection see the case's photo through a link; the community's own has none.
    const seen = (await call(district, 'GET', `/api/selection/${YEAR}`, { token: community })).json.nominations;
    const withPhoto = seen.find((n: { id: string }) => n.id === nominations[1]);
    expect(withPhoto.photos).toHaveLength(1);
    expect(Buffer.from(await (await fetch(withPhoto.photos[0].url)).arrayBuffer()).equals(JPEG)).toBe(true);
    expect(seen.find((n: { id: string }) => n.id === nominations[0]).photos).toEqual([]);
    // The same wish again (punctuation and spaces aside) is one nomination, even sent twice at once.
    const again = await Promise.all([0, 1].map(() => call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: community, body: { kind: 'wish', communityId: A.id, title: '帮独居老人，修好暖气。', story: '同一件事再推荐一次的内容。', reason: '群众反响好' } })));
    expect(again.map((r) => r.status)).toEqual([409, 409]);
    // A number in a title is masked like one in the story: the title goes on the public list.
    const numbered = await call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: community, body: { kind: 'wish', communityId: A.id, title: '帮13912345678修好门锁', story: '独居老人家门锁坏了，志愿者上门更换。', reason: '群众反响好' } });
    expect(numbered.status).toBe(201);
    expect(numbered.json.title).not.toContain('13912345678');
    nominations.push(numbered.json.id);
    // The panel's names are the district's; a community sees how many score.
    const asCommunity = (await call(district, 'GET', `/api/selection/${YEAR}`, { token: community })).json.selection;
    expect(asCommunity.panel).toBeUndefined();
    expect(asCommunity.panelSize).toBe(3);
  });

  it('takes each panel member\'s score once per nomination, and freezes only when every score is in', async () => {
    const path = (n: string) => `/api/selection/${YEAR}/nominations/${n}/scores`;
    expect((await call(district, 'POST', path(nominations[0]!), { token: admin, body: { memberId: 'p9', score: 90 } })).status).toBe(400);
    expect((await call(district, 'POST', path(nominations[0]!), { token: admin, body: { memberId: 'p1', score: 90 } })).status).toBe(201);
    const twice = await Promise.all([call(district, 'POST', path(nominations[0]!), { token: admin, body: { memberId: 'p2', score: 80 } }), call(district, 'POST', path(nominations[0]!), { token: admin, body: { memberId: 'p2', score: 70 } })]);
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    const early = await call(district, 'POST', `/api/selection/${YEAR}/results`, { token: admin, lang: 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/^还有评审没有打分：/);
    expect((await call(district, 'PUT', `/api/selection/${YEAR}`, { token: admin, body: { title: '修改评审名单', panel, winners: 2 } })).status).toBe(409);
    expect((await call(district, 'POST', path(nominations[0]!), { token: admin, body: { memberId: 'p3', score: 85 } })).status).toBe(201);
    for (const [m, s] of [['p1', 95], ['p2', 90], ['p3', 92]] as const) expect((await call(district, 'POST', path(nominations[1]!), { token: admin, body: { memberId: m, score: s } })).status).toBe(201);
    for (const m of ['p1', 'p2', 'p3']) expect((await call(district, 'POST', path(nominations[2]!), { token: admin, body: { memberId: m, score: 60 } })).status).toBe(201);
    const frozen = await call(district, 'POST', `/api/selection/${YEAR}/results`, { token: admin });
    expect(frozen.status, frozen.text).toBe(201);
    const mean0 = (await call(district, 'GET', `/api/selection/${YEAR}`, { token: admin })).json.nominations.find((n: { id: string }) => n.id === nominations[0]).scores;
    expect(Object.values(mean0).length).toBe(3);
    expect(frozen.json.rows.find((r: { nominationId: string }) => r.nominationId === nominations[1])).toMatchObject({ rank: 1, winner: true, meanHundredths: 9233 });
    expect(frozen.json.rows.find((r: { nominationId: string }) => r.nominationId === nominations[0])).toMatchObject({ rank: 2, winner: false });
    expect((await call(district, 'POST', `/api/selection/${YEAR}/results`, { token: admin })).status).toBe(409);
    expect((await call(district, 'POST', `/api/selection/${YEAR}/nominations`, { token: admin, body: { kind: 'wish', communityId: A.id, title: '迟到的推荐', story: '评选结束后才提交的推荐内容。', reason: '评选结束后才推荐' } })).status).toBe(409);
  });

  it('lists the winners publicly, with no scores and no panel', async () => {
    const res = await call(district, 'GET', `/api/public/selection/${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.json.winners).toEqual([{ title: '为困境儿童圆梦书包', kind: 'wish', communityName: A.name, rank: 1 }]);
    expect(JSON.stringify(res.json)).not.toMatch(/评审|score|13912345678|photo|evidence/);
    expect((await call(district, 'GET', '/api/public/selection/2025')).status).toBe(404);
    // Another community reads the frozen nominations as the public does: no story, reason or photo.
    const other = await district.auth.sign(district.auth.claimsOf({ sub: 't-sel-b', name: '测试', role: 'community_staff', scopeId: B.id }), Math.floor(Date.now() / 1000) + 3600);
    const seen = (await call(district, 'GET', `/api/selection/${YEAR}`, { token: other })).json.nominations;
    expect(seen.length).toBe(3);
    for (const n of seen) expect(Object.keys(n).sort()).toEqual(['communityId', 'communityName', 'id', 'kind', 'scored', 'title']);
  });
});
