// Timing a page on a phone, as the benches of the rating and appeal pages do: runs alternate
// between Chromium's "Slow 3G" as the issues give it (400 kbps down and up, 400 ms round trip)
// and no throttling, each in a fresh context with the cache off, with the bytes of the first
// throttled run.
import type { Page } from 'playwright-core';
import { launchChromium, PHONE } from '../support/browser.ts';

export interface Transfer { url: string; type: string; size: number }

export async function timeOnPhone(o: { runs: number; viewport?: { width: number; height: number }; open: (page: Page, run: number) => Promise<void> }): Promise<{ slow: number[]; fast: number[]; bytes: Transfer[] }> {
  const browser = await launchChromium();
  const slow: number[] = [];
  const fast: number[] = [];
  let bytes: Transfer[] = [];
  try {
    for (let run = 0; run < 2 * o.runs; run++) {
      const throttled = run % 2 === 0;
      const context = await browser.newContext({ ...PHONE, ...(o.viewport ? { viewport: o.viewport } : {}) });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (throttled) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
      const seen: Transfer[] = [];
      page.on('requestfinished', async (request) => {
        seen.push({ url: new URL(request.url()).pathname, type: request.resourceType(), size: (await request.sizes()).responseBodySize });
      });
      const t = performance.now();
      await o.open(page, run);
      (throttled ? slow : fast).push(performance.now() - t);
      if (throttled && bytes.length === 0) bytes = [...seen];
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { slow, fast, bytes };
}
