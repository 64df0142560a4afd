// The rating, end to end in Chromium: staff print a compound's letters; a resident opens one
// letter's QR link on a phone, answers, and submits while the network drops once, and gets
// one receipt; staff close the campaign, review and publish; the public page and its A4
// print show both notices. axe finds no serious or critical problem on any page.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, testDistrict } from '../support/district.ts';
import { createCampaign, withRegister } from '../support/codes.ts';
import { axeProblems as axe, expectNoEnglishErrors, launchChromium, PHONE, signIn as signInAs } from '../support/browser.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const compound = d.compounds.filter((c) => c.communityId === jinkou.id && (c.contract?.serviceItems.length ?? 0) > 0)[0]!;
const items = compound.contract!.serviceItems;
const CAMPAIGN = 'e2e-rating';
const TITLE = '2026年下半年物业服务评价';
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

let district: LocalDistrict;
let browser: Browser;
let staff: string;
let rows: Awaited<ReturnType<typeof withRegister>>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  district = await testDistrict({ seed: 'structure' });
  staff = await district.auth.issue('jinkou');
  rows = await withRegister(district, staff, compound, 3);
  await createCampaign(district, staff, CAMPAIGN, [compound.id], { title: TITLE });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

const signIn = (page: Page, path: string, user: string) => signInAs(page, `${district.url}${path}`, user);

describe('rating in Chromium', () => {
  let link = '';
  let code = '';

  it('prints one A4 letter per unit with the code and a QR link for the campaign', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, `/admin.html?compound=${compound.id}`, 'jinkou');
    await expect.poll(() => page.getByLabel('评价活动').inputValue()).toBe(CAMPAIGN);
    await page.getByRole('button', { name: '生成入户码' }).click();
    const letters = page.getByTestId('letters').locator('article');
    await expect.poll(() => letters.count()).toBe(3);
    await expect.poll(() => letters.first().locator('img').count()).toBe(1);
    const first = letters.first();
    code = (await first.locator('[data-code]').textContent())!.trim();
    link = (await first.locator('img').getAttribute('data-link'))!;
    expect(code).toMatch(/^[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}$/);
    expect(link).toBe(`${district.url}/resident.html?c=${compound.id}#code=${code}`);
    expect(await first.textContent()).toContain(`${rows[0]!.building} ${rows[0]!.unit}`);
    expect(await first.textContent()).toContain(TITLE);
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(3);
    await context.close();
  });

  it('rates from the QR link on a phone; the network drops once and there is one receipt', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    // The first submit reaches the server, but its answer is lost on the way back.
    let puts = 0;
    await page.route('**/api/resident/rating', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      puts++;
      if (puts === 1) {
        await route.fetch();
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await page.goto(link);
    await expect.poll(() => page.getByRole('heading', { name: TITLE }).isVisible()).toBe(true);
    expect(page.url()).not.toContain(code);
    expect(await page.textContent('main')).toContain(`${compound.name} · ${rows[0]!.building} ${rows[0]!.unit}`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '开始评价' }).click();
    for (const item of items) await page.getByRole('group', { name: item }).getByText('已履行', { exact: true }).click();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}rating-contract.png`, fullPage: true });
    // The narrowest phones in use: nothing may need sideways scrolling at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: '下一步' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const dim of ['客户服务', '房屋维护', '设施设备', '秩序维护', '环境卫生', '绿化养护']) await page.getByRole('group', { name: dim }).getByText('4', { exact: true }).click();
    // A reload keeps the draft and the step.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: '服务质量评价' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: '绿化养护' }).getByRole('radio', { name: '4 较好' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '总体满意度' }).isVisible()).toBe(true);
    // The phone's back button goes to the previous step, not out of the form; forward comes back.
    const url = page.url();
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { name: '服务质量评价' }).isVisible()).toBe(true);
    expect(page.url()).toBe(url);
    expect(await page.getByRole('group', { name: '绿化养护' }).getByRole('radio', { name: '4 较好' }).isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => page.getByRole('heading', { name: '总体满意度' }).isVisible()).toBe(true);
    // 上一步 and 下一步 walk the same history.
    await page.getByRole('button', { name: '上一步' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '服务质量评价' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('group', { name: '总体满意度' }).getByText('满意', { exact: true }).click();
    await page.getByLabel('意见和建议（选填）').fill('电梯维保记录请张贴公示');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '提交评价' }).click();
    const receipt = page.getByTestId('receipt');
    await expect.poll(() => receipt.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(puts).toBe(2);
    const receiptId = (await page.getByTestId('receipt-id').textContent())!.trim();
    expect(receiptId).toMatch(/^[0-9A-F]{10}$/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}rating-receipt.png` });
    // The server holds one submission, and a reload shows the same receipt.
    const review = await call(district, 'GET', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}`, { token: staff });
    expect(review.json.submissions).toHaveLength(1);
    expect(review.json.submissions[0].receiptId).toBe(receiptId);
    await page.reload();
    await expect.poll(() => page.getByTestId('receipt-id').textContent()).toBe(receiptId);
    // The code worked once: a second phone is told it cannot be used.
    const other = await (await browser.newContext(PHONE)).newPage();
    await other.goto(link);
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('这个入户码不能使用');
    expect(await axe(other)).toEqual([]);
    await context.close();
  });

  it('lets staff close the campaign, review the compound and publish both notices', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await signIn(page, '/admin.html?view=ratings', 'jinkou');
    await page.getByRole('button', { name: TITLE }).click();
    const dashboard = page.getByTestId('campaign-dashboard');
    await expect.poll(() => dashboard.isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '立即截止' }).click();
    await expect.poll(() => dashboard.textContent()).toContain('已截止');
    await page.getByRole('button', { name: compound.name }).click();
    const review = page.getByTestId('review');
    await expect.poll(() => review.isVisible()).toBe(true);
    expect(await page.textContent('main')).toContain('电梯维保记录请张贴公示');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '发布公告' }).click();
    await expect.poll(() => review.getByRole('link', { name: '查看公告' }).count()).toBe(1);
    await context.close();
  });

  it('shows both notices on the public page and prints them as an A4 notice without personal data', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${district.url}/notices.html?campaign=${CAMPAIGN}`);
    await expect.poll(() => page.getByTestId('campaign-summary').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: compound.name }).click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent())!;
    expect(text).toContain('合同履约公告');
    expect(text).toContain('服务质量评价公告');
    expect(text).toContain('市南区住房和城乡建设局');
    expect(await page.getByTestId('participation').textContent()).toBe('33.3%');
    expect(await page.getByTestId('satisfaction').textContent()).toBe('100.0%');
    expect(await page.getByTestId('performance').textContent()).toBe('100.0%');
    expect(text).not.toContain('结果仅供参考'); // 1 of 3 households is above the 30% floor
    expect(text).not.toContain('电梯维保记录请张贴公示');
    expect(text).not.toContain(rows[0]!.unit + ' ');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}notice-phone.png`, fullPage: true });
    const desk = await context.browser()!.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const print = await desk.newPage();
    await print.goto(page.url());
    await expect.poll(() => print.getByTestId('notice').isVisible()).toBe(true);
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('header.bar').isVisible()).toBe(false);
    const pdf = await print.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await print.screenshot({ path: `${ARTIFACTS}notice-print.png`, fullPage: true });
    await desk.close();
    await context.close();
  });

  it('publishes a correction that says why and what changed; the first version stays readable', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, `/admin.html?view=ratings&campaign=${CAMPAIGN}`, 'jinkou');
    await page.getByRole('button', { name: compound.name }).click();
    await page.getByLabel('剔除原因').fill('核实为非本户填写');
    await page.getByRole('button', { name: '剔除', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '恢复' }).count()).toBe(1);
    await page.getByLabel('更正原因（必填）').fill('剔除一份非本户填写的问卷');
    await page.getByRole('button', { name: '发布更正' }).click();
    await expect.poll(() => page.getByTestId('review').getByRole('link', { name: '查看公告' }).count()).toBe(2);
    await context.close();

    const phone = await (await browser.newContext(PHONE)).newPage();
    await phone.goto(`${district.url}/notices.html?campaign=${CAMPAIGN}&compound=${compound.id}`);
    const notice = phone.getByTestId('notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent())!;
    expect(text).toContain('第 2 版');
    expect(text).toContain('剔除一份非本户填写的问卷');
    expect(text).toContain('参评户数 1 → 0');
    expect(await axe(phone)).toEqual([]);
    await phone.getByRole('link', { name: '第 1 版' }).click();
    await expect.poll(() => phone.getByTestId('participation').textContent()).toBe('33.3%');
    await phone.context().close();
  });
});

describe('creating a campaign on the staff page', () => {
  it('takes its times as Beijing time in a browser elsewhere, and names a missing field in Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await signIn(page, '/admin.html?view=ratings', 'jinkou');
    await page.locator('#c-id').waitFor();
    const id = 'e2e-beijing-times';
    await page.locator('#c-id').fill(id);
    await page.locator('#c-issuer').fill('');
    await page.locator('#c-opens').fill('2027-01-05T08:00');
    await page.locator('#c-closes').fill('2027-01-20T20:00');
    await page.locator('.picks input[type="checkbox"]').first().check();
    // Tried: no issuer. The field says so, in Chinese.
    await page.getByRole('button', { name: '创建活动' }).click();
    await expect.poll(() => page.locator('#c-issuer + .error').count()).toBe(1);
    await expectNoEnglishErrors(page);
    await page.locator('#c-issuer').fill('市南区住房和城乡建设局');
    await page.getByRole('button', { name: '创建活动' }).click();
    const stored = async () => (await call(district, 'GET', `/api/ratings/campaigns/${id}`, { token: await district.auth.issue('jinkou') })).json?.campaign;
    await expect.poll(async () => (await stored())?.opensAt ?? null).not.toBeNull();
    const campaign = await stored();
    expect(Date.parse(campaign.opensAt)).toBe(Date.parse('2027-01-05T08:00:00+08:00'));
    expect(Date.parse(campaign.closesAt)).toBe(Date.parse('2027-01-20T20:00:00+08:00'));
    await context.close();
  });
});
