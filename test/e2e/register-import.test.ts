// A community staff member on a phone imports an owners' register: a file with errors, the
// report, the fixed file, the commit, the totals. Axe checks each state.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testDistrict } from '../support/district.ts';
import { axeProblems, expectNoEnglishErrors, launchChromium, PHONE, signIn } from '../support/browser.ts';
import { readFile } from 'node:fs/promises';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { registerTotals } from '../../shared/registry/register.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const compound = d.compounds.filter((c) => c.communityId === jinkou.id)[2]!;
const rows = demoRegisterRows(compound).slice(0, 60);
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

let district: LocalDistrict;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const axe = axeProblems;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  district = await testDistrict({ seed: 'structure' });
  browser = await launchChromium();
  context = await browser.newContext(PHONE);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

describe('owners\' register import in Chromium, phone viewport', () => {
  it('shows the public district structure in Chinese, accessibly, with the ICP number a China district configures', async () => {
    // A deployed China district's /config.json carries its ICP number; the local one has none.
    const configJson = (u: URL) => u.pathname === '/config.json';
    await page.route(configJson, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), icp: '鲁ICP备00000000号-1' } });
    });
    await page.goto(`${district.url}/`);
    const icp = page.getByRole('contentinfo').getByRole('link', { name: '鲁ICP备00000000号-1' });
    await icp.waitFor();
    expect(await icp.getAttribute('href')).toBe('https://beian.miit.gov.cn/');
    await expect.poll(() => page.locator('[data-count="communities"]').textContent()).toBe('50');
    expect(await page.locator('[data-count="compounds"]').textContent()).toBe('238');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { name: '辖区结构' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('heading', { name: 'District tree' }).count()).toBe(1);
    await page.getByRole('button', { name: '中文' }).click();
    await page.unroute(configJson);
  });

  it('shows a district admin the whole tree: 50 communities, 238 compounds', async () => {
    const admin = await context.newPage();
    // The sign-in page and the issuer's page are what a new staff member sees first.
    await admin.goto(`${district.url}/admin.html`);
    await admin.getByRole('button', { name: '登录', exact: true }).waitFor();
    expect(await axe(admin)).toEqual([]);
    await admin.getByRole('button', { name: '登录', exact: true }).click();
    await admin.waitForURL((u) => u.pathname.endsWith('/authorize'));
    expect(await axe(admin)).toEqual([]);
    await signIn(admin, `${district.url}/admin.html`, 'admin');
    await expect.poll(() => admin.locator('[data-count="compounds"]').textContent()).toBe('238');
    expect(await admin.locator('[data-count="communities"]').textContent()).toBe('50');
    expect(await admin.locator('[data-count="grids"]').textContent()).toBe('505');
    expect(await admin.getByText('八大关街道').count()).toBe(1);
    // On the narrowest phone the header is the title and at most two rows of the admin's six
    // controls (it took three): they do not fit one row at a readable size.
    await admin.setViewportSize({ width: 360, height: 740 });
    const controlRows = await admin.locator('header.bar').evaluate((h) => new Set(Array.from(h.querySelectorAll('button, select, .who')).map((e) => Math.round(e.getBoundingClientRect().top))).size);
    expect(controlRows).toBeLessThanOrEqual(2);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axe(admin)).toEqual([]);
    await admin.screenshot({ path: `${ARTIFACTS}admin-tree.png` });
    await admin.getByRole('button', { name: '退出' }).click();
    await admin.close();
  });

  it('imports a register with errors, reads the report, fixes it, commits and sees the totals', async () => {
    await signIn(page, `${district.url}/admin.html`, 'jinkou');
    await expect.poll(() => page.locator('header .who').textContent()).toBe('金口路社区工作人员');
    await page.getByRole('button', { name: compound.name }).click();
    await expect.poll(() => page.getByText('尚未导入').count()).toBeGreaterThan(0);
    // Without a register there are no codes, and the page says why and what to do.
    expect(await page.getByTestId('codes-need-register').textContent()).toContain('请社区、街道工作人员先在本页导入');

    const bad = rowsToCsv(rows).replace(`,${rows[1]!.unit},`, `,${rows[0]!.unit},`).replace(/\r\n[^\r\n]*$/, '') + '\r\n99号楼,9-999,abc,估算,某某,,123,否\r\n';
    await page.getByLabel(/选择 CSV 文件/).setInputFiles({ name: '业主名册-错误.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getByRole('alert').textContent()).toContain('发现问题');
    const problems = await report.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.code));
    expect(problems).toEqual(expect.arrayContaining(['duplicate_unit', 'building_unknown', 'area_invalid', 'area_source_invalid', 'phone_invalid']));
    // The duplicate names the line it repeats; the unknown building lists the names the compound has.
    const duplicateLine = bad.split('\r\n').findIndex((l) => l.startsWith(`${rows[0]!.building},${rows[0]!.unit},`)) + 1;
    expect(await report.locator('tr[data-code="duplicate_unit"] td').nth(2).textContent()).toBe(`房号 ${rows[0]!.building} ${rows[0]!.unit} 重复：第 ${duplicateLine} 行已有`);
    expect(await report.locator('tr[data-code="building_unknown"] td').nth(2).textContent()).toBe(`楼栋“99号楼”不在本小区。本小区的楼栋：${compound.buildings.join('、')}`);
    await expectNoEnglishErrors(page);
    // The compound's buildings are on its page, and a template with them can be downloaded.
    expect(await page.getByTestId('building-names').locator('.chip').allTextContents()).toEqual(compound.buildings);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载模板（含本小区楼栋）' }).click()]);
    const template = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(template[0]).toBe('楼栋,房号,专有面积,面积来源,业主姓名,业主编号,联系电话,开发商未售');
    expect(template.slice(1).map((l) => l.split(',')[0])).toEqual(compound.buildings);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}import-report.png`, fullPage: true });

    // A staff member adds the missing building from the report (asked first); the file is checked again.
    page.once('dialog', (dialog) => dialog.accept());
    await report.getByRole('button', { name: '把“99号楼”加入本小区的楼栋' }).click();
    await expect.poll(() => page.getByTestId('building-names').locator('.chip').allTextContents()).toEqual([...compound.buildings, '99号楼']);
    // Checked again: the duplicate is still there (the report is back), the building is not.
    // (Both at once: the old report stays on screen until the new check starts.)
    await expect.poll(async () => [await report.locator('tr[data-code="duplicate_unit"]').count(), await report.locator('tr[data-code="building_unknown"]').count()]).toEqual([1, 0]);
    await page.getByLabel(/选择 CSV 文件/).setInputFiles({ name: '业主名册.csv', mimeType: 'text/csv', buffer: Buffer.from(rowsToCsv(rows)) });
    await expect.poll(() => report.getByRole('status').textContent()).toBe('校验通过，可以导入');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => report.getByRole('status').textContent()).toBe('已导入，生成名册版本 v1');

    const expected = registerTotals(rows);
    const totals = page.getByTestId('register-totals');
    await expect.poll(() => totals.locator('[data-total="units"]').textContent(), { timeout: 15_000 }).toBe(String(expected.unitCount));
    expect(await totals.locator('[data-total="heads"]').textContent()).toBe(String(expected.ownerHeads));
    expect(await totals.locator('[data-total="version"]').textContent()).toBe('v1');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}import-done.png`, fullPage: true });
  });
});
