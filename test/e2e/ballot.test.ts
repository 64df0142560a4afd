// An owners' vote, end to end in Chromium: the committee announces a ballot on its page;
// community staff print ballot letters; an owner votes on a phone from the QR link, checks
// the choices, and keeps the receipt; the committee watches the quorum gauge, counts after
// close, and sees the result in words; the owner finds the receipt on the public bulletin,
// and the results notice prints on A4. axe finds no serious or critical problem anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, testDistrict } from '../support/district.ts';
import { withRegister } from '../support/codes.ts';
import { announce, closingTimeArrives } from '../support/votes.ts';
import { axeProblems as axe, expectNoEnglishErrors, launchChromium, linesOf, PHONE, signIn as signInAs } from '../support/browser.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const compound = d.compounds.find((c) => c.name === '安庆路16号小区')!;
const BALLOT = 'e2e-vote';

let district: LocalDistrict;
let browser: Browser;
let rows: Awaited<ReturnType<typeof withRegister>>;

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  const admin = await district.auth.issue('admin');
  rows = await withRegister(district, admin, compound, 3);
  await announce(district, await district.auth.issue('anqing'), compound.id, BALLOT, {
    matters: [{ id: 'm1', kind: 'ordinary', title: '续聘青岛海岸物业服务有限公司' }, { id: 'm2', kind: 'special', title: '筹集专项维修资金更新电梯' }],
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

const signIn = (page: Page, path: string, user: string) => signInAs(page, `${district.url}${path}`, user);

describe('an owners\' vote in Chromium', () => {
  let link = '';
  let receipt = '';

  it('the committee announces a ballot on its page; a bad date is refused with the field named', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, `/admin.html?compound=${compound.id}`, 'anqing');
    const panel = page.getByTestId('votes-panel');
    await expect.poll(() => panel.textContent()).toContain(`${BALLOT} 业主大会表决`);
    await page.getByRole('button', { name: '发布表决公告' }).click();
    // The window is shown in Beijing time, prefilled at the earliest lawful opening, 08:00.
    expect(await page.getByLabel('投票开始（北京时间）').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT08:00$/);
    // Tried: nothing typed. Nothing is sent; each field says what is missing, in Chinese, under itself.
    await page.getByRole('button', { name: '发布公告' }).click();
    await expect.poll(() => page.locator('.error').count()).toBeGreaterThan(0);
    for (const field of ['title', 'matters.0.title', 'matters.0.text']) {
      const error = page.locator(`[data-field="${field}"]`);
      expect(await error.count(), field).toBe(1);
    }
    // The matter title's error follows the matter title's input, not the attachments.
    expect(await page.locator('#m-title-0 + [data-field="matters.0.title"]').count()).toBe(1);
    await expectNoEnglishErrors(page);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('表决名称').fill('关于增设电动车充电桩的表决');
    await page.getByLabel('1. 事项名称').fill('在3号楼北侧增设电动车充电桩');
    await page.getByLabel('事项全文').fill('利用3号楼北侧共有部分增设充电桩20个，由物业公司经营，收益归全体业主。');
    await page.getByLabel('附件（每行：名称,链接）').fill('充电桩布置图,https://docs.example.cn/anqing/charging.pdf');
    await page.getByLabel('类别').selectOption('special');
    // Tried: an opening before the notice period ends (yesterday). The server refuses it under
    // the opening field, in Chinese, with the earliest time in Beijing time rather than ISO.
    const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.getByLabel('投票开始（北京时间）').fill(`${beijingDay(Date.now() - 86_400_000)}T08:00`);
    await page.getByRole('button', { name: '发布公告' }).click();
    await expect.poll(() => page.locator('[data-field="opensAt"]').textContent()).toMatch(/^最早 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);
    await expectNoEnglishErrors(page);
    const tomorrow = beijingDay(Date.now() + 2 * 86_400_000);
    const later = beijingDay(Date.now() + 10 * 86_400_000);
    await page.getByLabel('投票开始（北京时间）').fill(`${tomorrow}T09:30`);
    await page.getByLabel('投票截止（北京时间）').fill(`${later}T18:00`);
    expect(await page.getByTestId('window').textContent()).toBe(`投票时间：${tomorrow} 09:30 至 ${later} 18:00（北京时间）`);
    await page.getByRole('button', { name: '发布公告' }).click();
    await expect.poll(() => page.getByTestId('ballot-board').textContent()).toContain('关于增设电动车充电桩的表决');
    expect(await page.getByTestId('ballot-board').textContent()).toContain('公告中');
    const announced = (await call(district, 'GET', `/api/votes/compounds/${compound.id}/ballots`, { token: await district.auth.issue('anqing') })).json.ballots.find((b: { title: string }) => b.title === '关于增设电动车充电桩的表决');
    const detail = (await call(district, 'GET', `/api/votes/compounds/${compound.id}/ballots/${announced.id}`, { token: await district.auth.issue('anqing') })).json;
    expect(detail.ballot.matters[0]).toMatchObject({ kind: 'special', attachments: [{ name: '充电桩布置图', url: 'https://docs.example.cn/anqing/charging.pdf' }] });
    // The times typed are Beijing time, whatever the browser's zone.
    expect(Date.parse(detail.ballot.opensAt)).toBe(Date.parse(`${tomorrow}T09:30:00+08:00`));
    expect(Date.parse(detail.ballot.closesAt)).toBe(Date.parse(`${later}T18:00:00+08:00`));
    await context.close();
  });

  it('street staff print ballot letters for the announced ballot', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, `/admin.html?compound=${compound.id}`, 'street');
    await page.getByLabel('用途').selectOption('ballot');
    await page.locator('select#p-purpose').selectOption(BALLOT);
    await page.getByRole('button', { name: '生成入户码' }).click();
    const letters = page.getByTestId('letters').locator('article');
    await expect.poll(() => letters.count()).toBe(3);
    await expect.poll(() => letters.first().locator('img').count()).toBe(1);
    link = (await letters.first().locator('img').getAttribute('data-link'))!;
    expect(await letters.first().textContent()).toContain(`${BALLOT} 业主大会表决`);
    // The letter says when voting runs (Beijing time) and where the matters are to be read.
    expect(await letters.first().locator('[data-window]').textContent()).toMatch(/^投票时间：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 至 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间）/);
    expect(await letters.first().textContent()).toContain(`view=announcement`);
    // One A4 page per letter, and no blank page after the last one (the page behind is long).
    await page.emulateMedia({ media: 'print' });
    const pagesOf = async () => ((await page.pdf({ format: 'A4', printBackground: true })).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(await pagesOf()).toBe(3);
    await page.emulateMedia({ media: 'screen' });
    // A reissued letter: the compound's name and address on it, and one page only.
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: '作废并补发' }).last().click();
    await expect.poll(() => letters.count()).toBe(1);
    const reissued = (await letters.first().textContent())!;
    expect(reissued).toContain(compound.name);
    expect(reissued).toContain(compound.address);
    await page.emulateMedia({ media: 'print' });
    expect(await pagesOf()).toBe(1);
    await context.close();
  });

  it('owners read the announcement (表决公告) during the notice period, on a phone and on A4', async () => {
    const listed = (await call(district, 'GET', '/api/public/ballots')).json.announced.find((b: { title: string }) => b.title === '关于增设电动车充电桩的表决');
    expect(listed).toBeTruthy();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${district.url}/notices.html`);
    await page.getByTestId('announced-ballots').getByRole('link', { name: `${compound.name} · 关于增设电动车充电桩的表决` }).click();
    const notice = page.getByTestId('ballot-announcement');
    await expect.poll(() => notice.textContent()).toContain('利用3号楼北侧共有部分增设充电桩20个');
    const text = (await notice.textContent())!;
    expect(await page.getByTestId('announcement-state').textContent()).toBe('公告中，投票尚未开始');
    expect(text).toContain('特别事项');
    expect(text).toContain('四分之三以上');
    expect(text).toContain('（北京时间）');
    expect(text).toContain('一人最多接受 3 位业主的委托');
    expect(await notice.getByRole('link', { name: '充电桩布置图' }).getAttribute('href')).toBe('https://docs.example.cn/anqing/charging.pdf');
    for (const r of rows) expect(text).not.toContain(r.ownerName);
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await context.close();
  });

  it('an owner votes on a phone: choices, a screen that repeats them, a receipt', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => page.getByRole('heading', { name: `${BALLOT} 业主大会表决` }).count()).toBe(1);
    expect(await page.textContent('main')).toContain('计 1 人');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('group', { name: /续聘青岛海岸/ }).getByText('同意', { exact: true }).click();
    await page.getByRole('group', { name: /筹集专项维修资金/ }).getByText('弃权', { exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The narrowest phones (360 px): a matter's kind stays on one line, nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const tag of await page.locator('.tag').all()) expect(await linesOf(tag), (await tag.textContent())!).toBe(1);
    await page.getByRole('button', { name: '下一步：核对' }).click();
    for (const name of ['返回修改', '确认提交']) expect(await linesOf(page.getByRole('button', { name })), name).toBe(1);
    const check = page.getByTestId('ballot-check');
    expect(await check.textContent()).toContain('续聘青岛海岸物业服务有限公司：同意');
    expect(await check.textContent()).toContain('筹集专项维修资金更新电梯：弃权');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '确认提交' }).click();
    receipt = (await page.getByTestId('ballot-receipt-id').textContent())!.trim();
    expect(receipt).toMatch(/^[3-9A-Y]{5}-[3-9A-Y]{5}$/);
    expect(await linesOf(page.getByTestId('ballot-receipt-id'))).toBe(1);
    expect(await axe(page)).toEqual([]);
    // A reload shows the same receipt: the vote is stored, not just shown.
    await page.reload();
    await expect.poll(() => page.getByTestId('ballot-receipt-id').textContent()).toBe(receipt);
    await context.close();
  });

  it('the committee sees the gauge, counts after close, and reads the result in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, `/admin.html?compound=${compound.id}`, 'anqing');
    await page.getByRole('button', { name: `${BALLOT} 业主大会表决` }).click();
    await expect.poll(() => page.getByTestId('quorum-gap').textContent()).toMatch(/^还差/);
    expect(await page.getByTestId('ballot-board').textContent()).not.toContain('同意');
    expect(await page.getByTestId('not-yet').locator('li').count()).toBe(2);
    expect(await axe(page)).toEqual([]);
    // One owner of three voted: the result must say the quorum was not reached.
    await closingTimeArrives(district, compound.id, BALLOT);
    await page.reload();
    await page.getByRole('button', { name: `${BALLOT} 业主大会表决` }).click();
    await page.getByRole('button', { name: '计票并冻结结果' }).click();
    const result = page.getByTestId('ballot-result');
    await expect.poll(() => result.textContent()).toContain('参与表决面积');
    expect(await result.textContent()).toContain('未达到三分之二');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('the owner finds the receipt on the public bulletin; the notice prints on A4 and names nobody', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${district.url}/notices.html?compound=${compound.id}&ballot=${BALLOT}&view=bulletin&receipt=${receipt}`);
    const bulletin = page.getByTestId('bulletin');
    await expect.poll(() => bulletin.locator('tbody tr').count()).toBe(1);
    const row = await bulletin.locator('tbody tr').textContent();
    expect(row).toContain(receipt);
    expect(row).toContain('同意');
    expect(row).toContain('弃权');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: '结果公告' }).click();
    const notice = page.getByTestId('ballot-notice');
    await expect.poll(() => notice.textContent()).toContain('依据《中华人民共和国民法典》第二百七十八条');
    const text = (await notice.textContent())!;
    for (const r of rows) {
      expect(text).not.toContain(r.ownerName);
      expect(text).not.toContain(r.unit);
    }
    expect(await axe(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect((await call(district, 'GET', '/api/public/ballots')).json.results[0].ballotId).toBe(BALLOT);
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${district.url}/notices.html`);
    await expect.poll(() => page.getByRole('link', { name: `${compound.name} · ${BALLOT} 业主大会表决` }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe('a committee election through the five gates, on the staff pages', () => {
  it('each gate is signed in order by its role, with its record; gate 5 announces the election ballot', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const committee = await context.newPage();
    const street = await context.newPage();
    await signIn(committee, `/admin.html?compound=${compound.id}`, 'anqing');
    const panel = committee.getByTestId('elections');
    await panel.getByRole('button', { name: '启动选举' }).click();
    await expect.poll(() => panel.textContent()).toContain('第一关 调研摸底 · 待签署');
    // The committee may not sign the survey: the page shows the refusal.
    await panel.getByLabel('可联系的业主人数').fill('3');
    await panel.getByLabel('摸底情况').fill('网格员入户摸底，三户均可联系。');
    await panel.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('“摸底”环节由 社区工作人员 或 街道工作人员 或 区管理员 签署');
    await expectNoEnglishErrors(committee);
    expect(await axe(committee)).toEqual([]);

    await signIn(street, `/admin.html?compound=${compound.id}`, 'street');
    const sp = street.getByTestId('elections');
    await sp.getByLabel('可联系的业主人数').fill('3');
    await sp.getByLabel('摸底情况').fill('网格员入户摸底，三户均可联系。');
    await sp.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => sp.textContent()).toContain('第二关 筹备组建 · 待签署');
    await sp.getByLabel('筹备组成员（每行：姓名,职务）').fill('王志刚,组长\n刘淑芬,业主代表\n赵敏,社区代表');
    await sp.getByLabel('社区批复文号').fill('金口路社区〔2026〕9号');
    await sp.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => sp.textContent()).toContain('第三关 候选人推荐 · 待签署');

    await committee.reload();
    const cands = ['c1,李红梅,1号楼,1-101,退休教师热心公益,自荐', 'c2,张立新,1号楼,1-102,律师熟悉物业法规,联名推荐', 'c3,周振华,2号楼,2-201,会计可管理账目,自荐', 'c4,吴晓东,2号楼,2-202,工程师懂设备维护,联名推荐', 'c5,郑秀兰,3号楼,3-301,社区志愿者,自荐', 'c6,冯国强,3号楼,3-302,退役军人,联名推荐'];
    await panel.getByLabel('候选人（每行：编号,姓名,楼栋,房号,简介,推荐方式）').fill(cands.join('\n'));
    await panel.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => panel.textContent()).toContain('第四关 审核 · 待签署');

    await street.reload();
    await sp.getByLabel('审核（每行：候选人编号,通过或不通过,原因）').fill('c1,通过\nc2,通过\nc3,通过\nc4,通过\nc5,通过\nc6,不通过,欠缴物业费');
    await sp.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => sp.textContent()).toContain('第五关 选举组织 · 待签署');

    await committee.reload();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel('席位数（奇数）').fill('4');
    await panel.getByLabel('投票开始').fill(tomorrow);
    await panel.getByLabel('投票截止').fill(later);
    await panel.getByRole('button', { name: '签署本关' }).click();
    // The field carries the district's bounds and oddness (min 5, step 2): the browser stops an even number before it is sent.
    expect(await panel.getByLabel('席位数（奇数）').evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    expect(await panel.locator('.gates li.done').count()).toBe(4);
    await panel.getByLabel('席位数（奇数）').fill('5');
    await panel.getByRole('button', { name: '签署本关' }).click();
    await expect.poll(() => panel.locator('.gates li.done').count()).toBe(5);
    // The election ballot is announced, with the five approved candidates.
    await expect.poll(() => committee.getByTestId('votes-panel').textContent()).toContain('业主委员会选举投票');
    expect(await axe(committee)).toEqual([]);
    const listing = (await call(district, 'GET', `/api/votes/compounds/${compound.id}/ballots`, { token: await district.auth.issue('anqing') })).json;
    const electionBallot = listing.ballots.find((b: { kind: string }) => b.kind === 'election');
    expect(electionBallot.matters).toBe(5);
    // Its public announcement names the seats in both places (every placeholder filled).
    await street.goto(`${district.url}/notices.html?compound=${compound.id}&ballot=${electionBallot.id}&view=announcement`);
    await expect.poll(() => street.getByTestId('ballot-announcement').textContent()).toContain('本次选举应选委员 5 名，每张选票最多支持 5 名候选人。');
    expect(await street.getByTestId('ballot-announcement').textContent()).not.toMatch(/\{\w+\}/);
    // The street's tree shows the committee formation rate of its compounds (none formed yet here).
    await street.goto(`${district.url}/admin.html`);
    await expect.poll(() => street.getByTestId('formation').textContent()).toMatch(/业委会组建率：0 \/ \d+ 个小区已成立业主委员会（0\.0%）/);
    expect(await axe(street)).toEqual([]);
    await context.close();
  });
});

describe('withdrawing an announced ballot on the committee\'s page', () => {
  it('names a missing reason under its field, asks first, and leaves no console error', async () => {
    const WITHDRAWN = 'e2e-withdraw';
    await announce(district, await district.auth.issue('anqing'), compound.id, WITHDRAWN, { opensInMs: 3_600_000, wait: false });
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // Console errors: a CSP refusal (zod's eval probe) or a missing favicon shows up here.
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await signIn(page, `/admin.html?compound=${compound.id}`, 'anqing');
    await page.getByRole('button', { name: `${WITHDRAWN} 业主大会表决` }).click();
    await page.getByRole('button', { name: '撤回公告' }).click();
    // Tried: no reason at all. Nothing is sent; the reason's field says what is missing.
    await expect.poll(() => page.locator('#wd-reason-err').textContent()).toBe('请写明撤回原因，至少 4 个字');
    await expectNoEnglishErrors(page);
    expect(await page.getByLabel('撤回原因').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('撤回原因').fill('事项二的金额写错，改正后重新公告');
    // The first time the person thinks again: nothing happens.
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.getByRole('button', { name: '撤回公告' }).click();
    const stored = async () => (await call(district, 'GET', `/api/votes/compounds/${compound.id}/ballots/${WITHDRAWN}`, { token: await district.auth.issue('anqing') })).json.ballot.state;
    expect(await stored()).toBe('announced');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: '撤回公告' }).click();
    await expect.poll(stored).toBe('withdrawn');
    expect(await axe(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
