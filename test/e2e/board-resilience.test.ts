// Pages that survive data they did not expect, in Chromium. One owner sending 30 different
// drafts at once gets one vote and 29 refusals, listed once per code; records with the same
// time and unit (older data) still draw on the committee's board (every conflict has its own
// id), and the results notice counts that owner once. A ballot stored with two attachments of the same link (older data) still
// lets owners vote. A part of a page fed malformed data shows a message and a retry, and the
// rest of the page keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { call, testDistrict } from '../support/district.ts';
import { issue, withRegister } from '../support/codes.ts';
import { households } from '../support/ratings.ts';
import { announce, closingTimeArrives } from '../support/votes.ts';
import { launchChromium, PHONE, signIn as signInAs } from '../support/browser.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { votingRegister } from '../../shared/votes/register.ts';
import { keys } from '../../functions/lib/keys.ts';

const d = demoDistrict();
const compound = d.compounds.find((c) => c.name === '安庆路16号小区')!;
const MANY = 'b-many-tries';
const LINKS = 'b-same-link';
const ballotsPath = `/api/votes/compounds/${compound.id}/ballots`;

let district: LocalDistrict;
let browser: Browser;
let admin: string;
let committee: string;
let rows: Awaited<ReturnType<typeof withRegister>>;

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  admin = await district.auth.issue('admin');
  committee = await district.auth.issue('anqing');
  rows = await withRegister(district, admin, compound, 6);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

/** A page that records every uncaught error (a `pageerror`, which is what a thrown each-block key becomes). */
async function watched(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}
const staffContext = () => browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'zh-CN' });

/** The ballot's conflict records as stored (a scan: the test table is small, and this does not depend on the key layout). */
async function storedConflicts(ballotId: string): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await district.doc.send(new ScanCommand({ TableName: district.tableName, FilterExpression: 'et = :et AND ballotId = :b', ExpressionAttributeValues: { ':et': 'vote-conflict', ':b': ballotId }, ExclusiveStartKey }));
    out.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

describe('one owner\'s 30 concurrent re-votes', () => {
  let owners: { token: string; ownerId: string }[] = [];

  beforeAll(async () => {
    await announce(district, committee, compound.id, MANY);
    const homes = await households(district, admin, compound.id, MANY, 'ballot');
    const byOwner = new Map<string, string>();
    const register = votingRegister(rows);
    for (const h of homes) {
      const ownerId = register.find((u) => u.building === h.building && u.unit === h.unit)?.ownerId;
      if (ownerId && !byOwner.has(ownerId)) byOwner.set(ownerId, h.token);
    }
    owners = [...byOwner].map(([ownerId, token]) => ({ ownerId, token }));
    expect(owners.length).toBeGreaterThanOrEqual(2);
  });

  const vote = (token: string, choices: Record<string, string>, key: string) =>
    call(district, 'PUT', '/api/resident/ballot', { token, body: { idempotencyKey: key, choices } });

  it('stores one vote and refuses 29, listing each owner\'s repeated tries once, each with its own id', async () => {
    const choice = ['agree', 'disagree', 'abstain'];
    // 30 different drafts (different choices, different keys), sent at once.
    const drafts = Array.from({ length: 30 }, (_, i) => ({ m1: choice[i % 3]!, m2: choice[Math.floor(i / 3) % 3]! }));
    const results = await Promise.all(drafts.map((choices, i) => vote(owners[0]!.token, choices, `retry-draft-${String(i).padStart(2, '0')}-xxxxxxxx`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'already_voted')).toHaveLength(29);
    // A second owner tries twice more after voting: listed once more (once per code).
    expect((await vote(owners[1]!.token, { m1: 'agree' }, 'second-owner-first-xxxx')).status).toBe(201);
    expect((await vote(owners[1]!.token, { m1: 'disagree' }, 'second-owner-again-xxxx')).status).toBe(409);
    expect((await vote(owners[1]!.token, { m1: 'abstain' }, 'second-owner-third-xxxx')).status).toBe(409);

    // The race may or may not have given two attempts the same millisecond: make it certain,
    // as on the reported board, with two more records of the same time and unit.
    const stored = await storedConflicts(MANY);
    expect(stored.map((c) => c.ownerId).sort()).toEqual([owners[0]!.ownerId, owners[1]!.ownerId].sort());
    const first = stored.find((c) => c.ownerId === owners[0]!.ownerId)!;
    for (const n of [1, 2]) await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { ...first, sk: `${first.sk}-same-moment-${n}` } }));

    const board = (await call(district, 'GET', `${ballotsPath}/${MANY}`, { token: committee })).json;
    expect(board.conflicts).toHaveLength(4);
    const ids = board.conflicts.map((c: { id: string }) => c.id);
    expect(ids.every((id: unknown) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(4);
    // What the page used to key the list by is not unique.
    const oldKeys = board.conflicts.map((c: { attemptedAt: string; unit: string }) => c.attemptedAt + c.unit);
    expect(new Set(oldKeys).size).toBeLessThan(4);
  });

  it('the committee\'s board draws the gauge and every conflict, with no page error', async () => {
    const context = await staffContext();
    const { page, errors } = await watched(context);
    await signInAs(page, `${district.url}/admin.html?compound=${compound.id}`, 'anqing');
    await page.getByRole('button', { name: `${MANY} 业主大会表决` }).click();
    await expect.poll(() => page.getByTestId('quorum-gap').textContent()).toMatch(/^还差/);
    await expect.poll(() => page.getByTestId('conflicts').locator('li').count()).toBe(4);
    expect(await page.getByTestId('ballot-board').isVisible()).toBe(true);
    expect(await page.getByTestId('conflicts').isVisible()).toBe(true);
    expect(await page.textContent('main')).not.toContain('加载中');
    expect(await page.getByTestId('part-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a part fed malformed data shows its message and a retry; the rest of the board stays', async () => {
    const context = await staffContext();
    const { page, errors } = await watched(context);
    const path = `${ballotsPath}/${MANY}`;
    let malformed = true;
    await page.route((url) => url.pathname === path, async (route) => {
      if (!malformed || route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      // A conflict without its first vote: the list cannot draw it.
      json.conflicts = [{ id: 'broken', building: '1号楼', unit: '1-101', channel: 'online', attemptedAt: new Date().toISOString() }];
      await route.fulfill({ response, json });
    });
    await signInAs(page, `${district.url}/admin.html?compound=${compound.id}`, 'anqing');
    await page.getByRole('button', { name: `${MANY} 业主大会表决` }).click();
    const failed = page.locator('[data-testid="part-failed"][data-part="participants"]');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.textContent()).toContain('这部分内容暂时无法显示');
    // The other parts are drawn.
    expect(await page.getByTestId('quorum-gap').textContent()).toMatch(/^还差/);
    expect(await page.getByRole('heading', { name: '三会记录' }).count()).toBe(1);
    // The data is right again: retry draws the part.
    malformed = false;
    await failed.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.getByTestId('conflicts').locator('li').count()).toBe(4);
    expect(await page.getByTestId('part-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the results notice counts repeated voters once per owner', async () => {
    await closingTimeArrives(district, compound.id, MANY);
    const closed = await call(district, 'POST', `${ballotsPath}/${MANY}/close`, { token: committee });
    expect(closed.status, closed.text).toBe(201);
    // Four conflict records after a first vote (two of them the same moment), by two owners.
    expect(closed.json.conflicts).toBe(2);
    const notice = await call(district, 'GET', `/api/public/ballots/${compound.id}/${MANY}`);
    expect(notice.json.result.conflicts).toBe(2);

    const context = await browser.newContext(PHONE);
    const { page, errors } = await watched(context);
    await page.goto(`${district.url}/notices.html?compound=${compound.id}&ballot=${MANY}`);
    await expect.poll(() => page.getByTestId('ballot-notice').textContent()).toContain('2 位业主重复表决，均只计其首次表决');
    expect(await page.getByTestId('ballot-notice').textContent()).not.toMatch(/重复表决 \d+ 次/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a ballot whose matter has two attachments with the same link', () => {
  const twice = [{ name: '电梯更新方案', url: 'https://docs.example.cn/anqing/lift.pdf' }, { name: '电梯更新方案（附图）', url: 'https://docs.example.cn/anqing/lift.pdf' }];
  let code = '';

  beforeAll(async () => {
    const opensAt = Date.now() + 1500;
    const body = {
      title: `${LINKS} 业主大会表决`,
      matters: [{ id: 'm1', kind: 'ordinary', title: '更新2号楼电梯', text: '使用专项维修资金更新2号楼电梯两部，方案及附图见附件。', attachments: twice }],
      opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(opensAt + 8 * 86_400_000).toISOString(),
    };
    const res = await call(district, 'PUT', `${ballotsPath}/${LINKS}`, { token: committee, body });
    if (res.status !== 201) {
      // The schema refuses it now: store it as older data would be, straight in the table.
      expect(res.status, res.text).toBe(400);
      await announce(district, committee, compound.id, LINKS, { matters: [{ id: 'm1', kind: 'ordinary', title: '更新2号楼电梯' }], wait: false });
      await district.doc.send(new UpdateCommand({
        TableName: district.tableName, Key: keys.ballot(compound.id, LINKS), ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET matters[0].attachments = :a, opensAt = :o', ExpressionAttributeValues: { ':a': twice, ':o': new Date(opensAt).toISOString() },
      }));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now() + 100)));
    const form = await call(district, 'GET', `${ballotsPath}/${LINKS}`, { token: committee });
    expect(form.json.ballot.state).toBe('open');
    expect(form.json.ballot.matters[0].attachments).toEqual(twice);
    const { letters } = await issue(district, admin, compound.id, { kind: 'ballot', id: LINKS, title: LINKS });
    code = letters[0]!.code;
  });

  it('the owner\'s page draws both links and takes the vote; a malformed answer shows a retry first', async () => {
    const context = await browser.newContext(PHONE);
    const { page, errors } = await watched(context);
    let malformed = true;
    await page.route((url) => url.pathname === '/api/resident/ballot', async (route) => {
      if (!malformed || route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.ballot.matters = json.ballot.matters.map((m: object) => ({ ...m, attachments: null }));
      await route.fulfill({ response, json });
    });
    await page.goto(`${district.url}/resident.html?c=${compound.id}#code=${code}`);
    const failed = page.locator('[data-testid="part-failed"][data-part="ballot-form"]');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('请点“重试”');
    malformed = false;
    await failed.getByRole('button', { name: '重试' }).click();

    await expect.poll(() => page.getByRole('heading', { name: `${LINKS} 业主大会表决` }).count()).toBe(1);
    const matter = page.getByRole('group', { name: /更新2号楼电梯/ });
    await matter.getByText('查看事项全文').click();
    const links = matter.locator('a[href="https://docs.example.cn/anqing/lift.pdf"]');
    expect(await links.count()).toBe(2);
    expect(await links.allTextContents()).toEqual(['电梯更新方案', '电梯更新方案（附图）']);
    await matter.getByText('同意', { exact: true }).click();
    await page.getByRole('button', { name: '下一步：核对' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByTestId('ballot-receipt-id').textContent()).toMatch(/^[3-9A-Y]{5}-[3-9A-Y]{5}$/);
    expect(await page.getByTestId('part-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the committee\'s announce form with the same link twice is answered, never a page error', async () => {
    const context = await staffContext();
    const { page, errors } = await watched(context);
    await signInAs(page, `${district.url}/admin.html?compound=${compound.id}`, 'anqing');
    await page.getByRole('button', { name: '发布表决公告' }).click();
    await page.getByLabel('表决名称').fill('关于更新3号楼电梯的表决');
    await page.getByLabel('1. 事项名称').fill('更新3号楼电梯');
    await page.getByLabel('事项全文').fill('使用专项维修资金更新3号楼电梯一部，方案见附件。');
    await page.getByLabel('附件（每行：名称,链接）').fill('方案,https://docs.example.cn/anqing/lift3.pdf\n方案附图,https://docs.example.cn/anqing/lift3.pdf');
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('投票开始').fill(later(2));
    await page.getByLabel('投票截止').fill(later(10));
    await page.getByRole('button', { name: '发布公告' }).click();
    // Accepted (the board opens) or refused with the field named; the page keeps working either way.
    await expect.poll(async () => (await page.getByTestId('ballot-board').count()) + (await page.locator('form .error').count())).toBeGreaterThan(0);
    expect(await page.getByTestId('part-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
