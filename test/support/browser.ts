import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

// Debian's Chromium; never a downloaded browser. Flags from ../shared/TOOLCHAIN.md.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

/** Serious and critical axe violations on the page as it is now, one line each. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs in on a staff page as a demo user (the local district's sign-in, no password). */
/**
 * Signs in the way staff do: the admin page's 登录 sends the browser to the district's OIDC
 * issuer (locally the demo issuer, which lists users instead of asking a password); back on
 * the page the code is exchanged and the person lands where they started.
 */
export async function signIn(page: Page, url: string, user: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/authorize'));
  await page.locator(`input[name="username"][value="${user}"]`).check();
  await page.getByRole('button', { name: '登录 · Sign in' }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/admin.html') && !u.searchParams.has('code'));
  await page.getByRole('button', { name: '退出' }).waitFor();
}

/** Latin words a Chinese message may hold: file formats and the like, never a sentence. */
const LATIN_ALLOWED = new Set(['CSV', 'GBK', 'UTF', 'JSON', 'URL', 'https', 'http', 'base64', 'MB', 'ICP', 'YYYY', 'MM']);

/**
 * Every error or alert on a zh-CN page is in Chinese: fails on any Latin word outside the few
 * a Chinese sentence uses (a file format, a link), and on an ISO timestamp.
 */
export async function expectNoEnglishErrors(page: Page): Promise<void> {
  const texts = await page.locator('.error, [role="alert"]').allTextContents();
  const english = texts.filter((t) => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(t) || (t.match(/[A-Za-z]{2,}/g) ?? []).some((w) => !LATIN_ALLOWED.has(w)));
  if (english.length > 0) throw new Error(`English on a zh-CN page: ${english.join(' | ')}`);
}

/** How many lines an element's text takes (a word that wraps on a narrow phone takes two). */
export async function linesOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}
