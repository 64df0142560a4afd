// The half-yearly evaluation of departments in Chromium: a community rates its two paired
// departments on a phone (refusals in Chinese under their field); the organisation department
// closes the round and publishes the ranking, which prints on A4; the department reads its
// result and the community's comment. axe checks each page state; nothing overflows 360 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, testDistrict } from '../support/district.ts';
import { axeProblems, expectNoEnglishErrors, launchChromium, PHONE, signIn } from '../support/browser.ts';
import { openRound, pair } from '../support/evaluations.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
let district: LocalDistrict;
let browser: Browser;
const phone = async () => (await browser.newContext({ ...PHONE, viewport: { width: 360, height: 740 } })).newPage();
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  const admin = await district.auth.issue('admin');
  await pair(district, admin, jinkou.id, ['dep-zhujian', 'dep-chengguan']);
  await openRound(district, admin, 'e2e-round', { period: '2018-H2' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

describe('a half-yearly evaluation of departments', () => {
  it('lets a community rate each paired department on a phone; a missing score is refused in Chinese under its criterion', async () => {
    const page = await phone();
    await signIn(page, `${district.url}/admin.html?view=evaluations`, 'jinkou');
    const cards = page.getByTestId('department-card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await axeProblems(page)).toEqual([]);
    await fitsPhone(page);
    const zhujian = cards.filter({ hasText: '市南区住房和城乡建设局' });
    // Three of the four criteria, then send: the fourth is named, in Chinese, and nothing is sent.
    for (const name of ['响应速度', '共建项目成效', '下沉社区情况']) await zhujian.getByRole('group', { name }).getByText('4', { exact: true }).click();
    await zhujian.getByRole('button', { name: /提交对/ }).click();
    await expect.poll(() => zhujian.getByRole('group', { name: '总体评价' }).getByRole('alert').textContent()).toBe('请为这一项打分');
    await expectNoEnglishErrors(page);
    expect(await axeProblems(page)).toEqual([]);
    await zhujian.getByRole('group', { name: '总体评价' }).getByText('5', { exact: true }).click();
    await zhujian.getByLabel(/给该部门的意见/).fill('加装电梯协调及时，希望继续支持老旧小区改造。');
    page.once('dialog', (dialog) => void dialog.accept());
    await zhujian.getByRole('button', { name: /提交对/ }).click();
    await expect.poll(() => zhujian.getByText('已评价').count()).toBe(1);
    const chengguan = cards.filter({ hasText: '市南区城市管理局' });
    for (const name of ['响应速度', '共建项目成效', '下沉社区情况', '总体评价']) await chengguan.getByRole('group', { name }).getByText('3', { exact: true }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await chengguan.getByRole('button', { name: /提交对/ }).click();
    await expect.poll(() => chengguan.getByText('已评价').count()).toBe(1);
    // Stored as sent: the form read again shows both done with their scores.
    await page.reload();
    await expect.poll(() => page.getByText('已评价').count()).toBe(2);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('lets the organisation department close the round and publish the ranking, which prints on A4', async () => {
    const page = await phone();
    await signIn(page, `${district.url}/admin.html?view=evaluations`, 'admin');
    await page.getByTestId('rounds').getByRole('button', { name: /e2e-round/ }).click();
    await expect.poll(() => page.getByTestId('progress').textContent()).toBe('进度：2/2 项评价已提交');
    expect(await axeProblems(page)).toEqual([]);
    // Asked first: dismissed, nothing happens.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: '提前结束评价' }).click();
    expect(await page.getByRole('button', { name: '发布排名' }).count()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '提前结束评价' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '发布排名' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('已发布第 1 版');
    // A correction without a reason is refused under its field.
    await page.getByRole('button', { name: '发布更正' }).click();
    await expect.poll(() => page.locator('#round-reason-error').textContent()).toBe('请写明更正原因（4–300 个字）');
    await expectNoEnglishErrors(page);
    await fitsPhone(page);
    await page.getByRole('button', { name: '评价排名' }).click();
    const ranking = page.getByTestId('ranking');
    await ranking.waitFor();
    const rows = await ranking.locator('tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^1市南区住房和城乡建设局4\.004\.004\.005\.004\.251\/1$/);
    expect(rows[1]).toMatch(/^2市南区城市管理局/);
    expect(await axeProblems(page)).toEqual([]);
    await fitsPhone(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印（A4）' }).isVisible()).toBe(false);
    expect(await ranking.isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the department its result and the community\'s comment, and no other department\'s', async () => {
    const page = await phone();
    await signIn(page, `${district.url}/admin.html?view=evaluations`, 'zhujian');
    const result = page.getByTestId('department-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('第 1 名 / 共 2 个部门');
    expect(await result.textContent()).toContain(`${jinkou.name}：加装电梯协调及时，希望继续支持老旧小区改造。`);
    expect(await result.textContent()).not.toContain('金口路社区工作人员');
    expect(await axeProblems(page)).toEqual([]);
    await fitsPhone(page);
    const token = await district.auth.issue('zhujian');
    expect((await call(district, 'GET', '/api/evaluations/departments/dep-chengguan', { token })).status).toBe(403);
  });
});

describe('the quarterly assessment of communities', () => {
  it('lets a community score the others of its class on a phone; a score over 100 is refused under its field', async () => {
    const page = await phone();
    await signIn(page, `${district.url}/admin.html?view=evaluations&tab=review`, 'jinkou');
    const peers = d.communities.filter((c) => c.class === jinkou.class && c.id !== jinkou.id);
    await expect.poll(() => page.getByLabel(peers[0]!.name, { exact: true }).count()).toBe(1);
    expect(await page.getByLabel(jinkou.name, { exact: true }).count()).toBe(0);
    await page.getByLabel(peers[0]!.name, { exact: true }).fill('120');
    await page.getByLabel(peers[1]!.name, { exact: true }).fill('85');
    await page.getByRole('button', { name: '提交互评' }).click();
    await expect.poll(() => page.locator(`#score-${peers[0]!.id}-error`).textContent()).toBe('请填 0 到 100 的整数');
    await expectNoEnglishErrors(page);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel(peers[0]!.name, { exact: true }).fill('92');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '提交互评' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^本社区已于 .+ 提交互评。$/);
    await fitsPhone(page);
  });

  it('lets the organisation department freeze last quarter and print a class\'s table on one A4 page', async () => {
    const page = await phone();
    await signIn(page, `${district.url}/admin.html?view=evaluations&tab=quarter`, 'admin');
    await page.getByText('按当前记录计算（尚未固定）').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    // An entry typed by mistake is cleared by emptying its boxes, asked first.
    const entries = page.locator('form.entries');
    await entries.getByRole('combobox', { name: '社区' }).selectOption(jinkou.id);
    await entries.getByLabel('数值').first().fill('300');
    await entries.getByLabel('依据').first().fill('误填的台账');
    await entries.getByRole('button', { name: '保存填报' }).click();
    await expect.poll(() => entries.getByRole('status').textContent()).toBe('已保存');
    await entries.getByLabel('数值').first().fill('');
    await entries.getByLabel('依据').first().fill('');
    let asked = '';
    page.once('dialog', (dialog) => { asked = dialog.message(); void dialog.accept(); });
    await entries.getByRole('button', { name: '保存填报' }).click();
    await expect.poll(() => entries.getByRole('status').textContent()).toBe('已保存');
    expect(asked).toContain(jinkou.name);
    expect(asked).toContain('不计入总分');
    await page.reload();
    await page.getByText('按当前记录计算（尚未固定）').waitFor();
    await page.locator('form.entries').getByRole('combobox', { name: '社区' }).selectOption(jinkou.id);
    expect(await page.locator('form.entries').getByLabel('数值').first().inputValue()).toBe('');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '固定本季度结果' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('已固定第 1 版');
    await page.getByLabel('分类', { exact: true }).selectOption(jinkou.class);
    const table = page.getByTestId('quarter-table');
    expect(await table.locator('tbody tr').count()).toBe(d.communities.filter((c) => c.class === jinkou.class).length);
    // The peer jinkou scored 92 has a cross review; a correction without a reason is refused.
    await page.getByRole('button', { name: '发布更正（新版本）' }).click();
    await expect.poll(() => page.locator('#quarter-reason-error').textContent()).toBe('请写明更正原因（4–500 个字）');
    expect(await axeProblems(page)).toEqual([]);
    await fitsPhone(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印（A4）' }).isVisible()).toBe(false);
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    // A4 landscape, in points.
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 84[12](\.\d+)? 59[45](\.\d+)?\s*\]/);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('joint projects and shock teams', () => {
  it('lets a community post a need on a phone and the paired department claim, plan and evidence it to done', async () => {
    const community = await phone();
    await signIn(community, `${district.url}/admin.html?view=evaluations&tab=projects`, 'jinkou');
    await community.getByLabel('项目名称').fill('短');
    await community.getByRole('button', { name: '发布需求' }).click();
    await expect.poll(() => community.locator('#pj-title-error').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await expectNoEnglishErrors(community);
    await community.getByLabel('项目名称').fill('楼道照明改造');
    await community.getByLabel('需求说明').fill('楼道灯老化，夜间出行不便，需要整体更换为感应灯。');
    await community.getByRole('button', { name: '发布需求' }).click();
    await expect.poll(() => community.getByTestId('projects').textContent()).toContain('楼道照明改造');
    expect(await axeProblems(community)).toEqual([]);
    await fitsPhone(community);

    const dep = await phone();
    await signIn(dep, `${district.url}/admin.html?view=evaluations&tab=projects`, 'zhujian');
    await dep.getByRole('button', { name: '楼道照明改造' }).click();
    dep.once('dialog', (dialog) => void dialog.accept());
    await dep.getByRole('button', { name: '领题' }).click();
    await expect.poll(() => dep.getByRole('heading', { name: /楼道照明改造/ }).textContent()).toContain('已领题');
    await dep.getByLabel('目标').fill('一个月内完成全部楼道感应灯更换。');
    await dep.getByLabel('节点', { exact: true }).fill('采购灯具,2027-01-10\n安装完成,2027-01-31');
    await dep.getByRole('button', { name: '保存计划' }).click();
    await expect.poll(() => dep.getByRole('heading', { name: /楼道照明改造/ }).textContent()).toContain('推进中');
    expect(await axeProblems(dep)).toEqual([]);
    // The first milestone's evidence comes with a photo from the phone, shown once recorded.
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await dep.locator('#ev-m1-photos').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
    await expect.poll(() => dep.locator('#ev-m1-photos-error').textContent()).toMatch(/JPG、PNG 或 WebP/);
    await dep.locator('#ev-m1-photos').setInputFiles([{ name: 'lamp.png', mimeType: 'image/png', buffer: PNG }]);
    await expect.poll(() => dep.getByRole('img', { name: '第 1 张照片' }).count()).toBe(1);
    for (const id of ['m1', 'm2']) {
      await dep.locator(`#ev-${id}`).fill('已完成，照片存档。');
      // Recorded once, so asked first (with how many photos go).
      dep.once('dialog', (dialog) => void (dialog.message().includes(id === 'm1' ? '1 张照片' : '0 张照片') ? dialog.accept() : dialog.dismiss()));
      await dep.locator(`#ev-${id}`).locator('xpath=ancestor::form').getByRole('button', { name: '记录完成情况' }).click();
      await expect.poll(() => dep.locator(`#ev-${id}`).count()).toBe(0);
    }
    await expect.poll(() => dep.getByRole('list', { name: '“采购灯具”的照片' }).getByRole('img').count()).toBe(1);
    expect(await axeProblems(dep)).toEqual([]);
    dep.once('dialog', (dialog) => void dialog.accept());
    await dep.getByRole('button', { name: '项目完成' }).click();
    await expect.poll(() => dep.getByRole('heading', { name: /楼道照明改造/ }).textContent()).toContain('已完成');
    await fitsPhone(dep);
  });

  it('lets the department keep a roster, the community call the team out and record who came; names masked for the community', async () => {
    const dep = await phone();
    await signIn(dep, `${district.url}/admin.html?view=evaluations&tab=teams`, 'zhujian');
    await dep.getByRole('button', { name: '新建队伍' }).click();
    await dep.getByLabel('队伍编号（如 t1）').fill('t1');
    await dep.getByLabel('队伍名称').fill('住建红色突击队');
    await dep.getByLabel('队员', { exact: true }).fill('m1,张建国,13912345678,队长\nm2,李红梅,12345');
    await dep.getByRole('button', { name: '保存名单' }).click();
    await expect.poll(() => dep.locator('#team-members-error').textContent()).toMatch(/^2：/);
    await expectNoEnglishErrors(dep);
    await dep.getByLabel('队员', { exact: true }).fill('m1,张建国,13912345678,队长\nm2,李红梅,13812345678');
    await dep.getByRole('button', { name: '保存名单' }).click();
    await expect.poll(() => dep.getByTestId('teams').textContent()).toContain('张建国');
    expect(await axeProblems(dep)).toEqual([]);

    const community = await phone();
    await signIn(community, `${district.url}/admin.html?view=evaluations&tab=teams`, 'jinkou');
    await community.getByTestId('teams').waitFor();
    expect(await community.getByTestId('teams').textContent()).not.toContain('张建国');
    await community.getByLabel('突击队', { exact: true }).selectOption({ label: '住建红色突击队' });
    await community.getByLabel('任务', { exact: true }).fill('暴雨积水，协助转移低洼院落老人。');
    await community.getByLabel('地点', { exact: true }).fill('金口路 12 号院');
    community.once('dialog', (dialog) => void dialog.accept());
    await community.getByRole('button', { name: '发出调用' }).click();
    await expect.poll(() => community.getByTestId('callouts').textContent()).toContain('暴雨积水');
    await community.getByLabel(/^张\*\*/).fill('120');
    community.once('dialog', (dialog) => void dialog.accept());
    await community.getByRole('button', { name: '登记到场并结束' }).click();
    await expect.poll(() => community.getByTestId('callouts').textContent()).toContain('1 人到场，共 120 分钟');
    expect(await axeProblems(community)).toEqual([]);
    await fitsPhone(community);
  });
});
