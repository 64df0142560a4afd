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
  await openRound(district, admin, 'e2e-round', { period: '2038-H2' });
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
