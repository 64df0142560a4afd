// Staff print a compound's letters; a resident opens one letter's QR link on a phone and
// lands signed in on the page for that unit.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testDistrict } from '../support/district.ts';
import { withRegister } from '../support/codes.ts';
import { axeProblems, launchChromium, PHONE } from '../support/browser.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const compound = d.compounds.filter((c) => c.communityId === jinkou.id)[4]!;
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

let district: LocalDistrict;
let browser: Browser;
let rows: Awaited<ReturnType<typeof withRegister>>;

const axe = axeProblems;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  district = await testDistrict({ seed: 'structure' });
  rows = await withRegister(district, await district.auth.issue('jinkou'), compound, 3);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

describe('household codes in Chromium', () => {
  let link = '';
  let code = '';

  it('prints one A4 letter per unit with the code and a QR link', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${district.url}/admin.html?compound=${compound.id}`);
    await page.getByLabel('选择演示账号登录').selectOption('jinkou');
    await page.getByRole('button', { name: '登录' }).click();
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
    expect(await axe(page)).toEqual([]);
    // The print view: one A4 page per letter, nothing else.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(3);
    await page.screenshot({ path: `${ARTIFACTS}letters-print.png`, fullPage: true });
    await context.close();
  });

  it('opens the QR link on a phone and lands signed in on that unit\'s page', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link);
    const home = page.getByTestId('resident-home');
    await expect.poll(() => home.isVisible()).toBe(true);
    expect(await home.textContent()).toContain(`${compound.name} · ${rows[0]!.building} ${rows[0]!.unit}`);
    expect(await home.textContent()).toContain('2026年下半年物业服务评价');
    // The code left the address bar as soon as it was read.
    expect(page.url()).not.toContain(code);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}resident-home.png` });
    // The code worked once: a second phone is told it cannot be used.
    const other = await (await browser.newContext(PHONE)).newPage();
    await other.goto(link);
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('这个入户码不能使用');
    expect(await axe(other)).toEqual([]);
    await context.close();
  });
});
