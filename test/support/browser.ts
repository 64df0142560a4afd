import { chromium, type Browser, type Page } from 'playwright-core';
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
