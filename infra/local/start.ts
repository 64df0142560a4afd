// npm start: the whole district on this machine, data kept in .data/ between runs.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startLocalDistrict } from './district.ts';
import { ROOT } from '../paths.ts';
import { assertPortFree, freePort, LocalStartError } from './ports.ts';
import { startLocalPlatform } from './platform-12345.ts';

/** The port asked for if it is free, else any free one (the platform's page is a convenience). */
async function freePortNear(wanted: number): Promise<number> {
  try {
    await assertPortFree(wanted, 'the local 12345 platform');
    return wanted;
  } catch {
    return freePort();
  }
}

const port = Number(process.env.PORT ?? 8080);
/**
 * `npm start -- --notice-days 0`: owner votes may open as soon as they are announced, so a
 * whole vote can be tried in minutes. Only here: synth refuses a deployable district whose
 * notice period is under the 15 days of the national rules (infra/districts/validate.ts).
 */
function noticeDaysArg(): number | undefined {
  const at = process.argv.indexOf('--notice-days');
  if (at < 0) return undefined;
  const days = Number(process.argv[at + 1]);
  if (!Number.isInteger(days) || days < 0 || days > 60) {
    console.error('--notice-days takes a whole number of days from 0 to 60, e.g. npm start -- --notice-days 0');
    process.exit(2);
  }
  return days;
}
const noticeDays = noticeDaysArg();
/** `npm start -- --orders-per-minute 6`: the local 12345 platform pushes work orders at this rate (0: only when asked on its page). */
function ordersPerMinuteArg(): number {
  const at = process.argv.indexOf('--orders-per-minute');
  if (at < 0) return 0;
  const rate = Number(process.argv[at + 1]);
  if (!(rate >= 0 && rate <= 600)) {
    console.error('--orders-per-minute takes a number from 0 to 600, e.g. npm start -- --orders-per-minute 6');
    process.exit(2);
  }
  return rate;
}
const ordersPerMinute = ordersPerMinuteArg();
const dataDir = join(ROOT, '.data');
/**
 * The layout of the stored items. Raised when keys change (2: ballot records keyed under their
 * compound), so that data kept from an older checkout is set aside instead of read wrongly.
 */
const DATA_LAYOUT = '2';

function setAsideOldData() {
  const marker = join(dataDir, 'layout');
  if (!existsSync(dataDir)) return;
  const layout = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '1';
  if (layout === DATA_LAYOUT) return;
  const aside = `${dataDir}-layout${layout}-${Date.now()}`;
  renameSync(dataDir, aside);
  console.log(`The data in .data/ is from an older layout (${layout}); moved it to ${aside} and starting fresh.`);
}

async function main() {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html')) || process.env.BUILD_WEB !== '0') {
    console.log('Building the pages (web/) ...');
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  }
  process.env.LOG_LEVEL ??= 'WARN';
  console.log('Starting DynamoDB Local, the queues and the API; loading the demo district ...');
  const started = Date.now();
  setAsideOldData();
  // Marked before anything is stored: a start that fails half-way (a port in use, a crash while
  // seeding) leaves data of this layout, which the next start resumes instead of setting aside.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'layout'), DATA_LAYOUT);
  const district = await startLocalDistrict({ port, dataDir, seed: 'demo', ...(noticeDays === undefined ? {} : { voteRules: { announceDays: noticeDays } }) });
  // The local 12345 platform: pushes signed work orders and hears the district's feedback.
  const { webhookKeys } = await import('../../functions/appeals/webhook-key.ts');
  const platform = await startLocalPlatform({ districtUrl: district.url, key: async () => (await webhookKeys())[0]!, ratePerMinute: ordersPerMinute, port: await freePortNear(port + 1) });
  process.env.PLATFORM_FEEDBACK_URL = platform.feedbackUrl;
  const users = district.auth.users;
  // Where the running district keeps its data, for `npm run rebuild` and other tools.
  writeFileSync(join(dataDir, 'local-district.json'), JSON.stringify({ url: district.url, dynamoEndpoint: district.dynamoEndpoint, tableName: district.tableName }, null, 2));
  console.log(`
共治 gongzhi — 市南区 local district is running (${((Date.now() - started) / 1000).toFixed(1)} s)

  Admin 管理端      ${district.url}/admin.html
  Public 公开信息   ${district.url}/
  Residents 住户    ${district.url}/resident.html  (codes: sign in as jinkou, open 浮山所小区, 生成入户码)
  Notices 公示      ${district.url}/notices.html  (ratings 双公告, owner vote results and their receipt bulletins)
  Votes 业主表决    sign in as anqing: 安庆路16号小区 has a counted vote and one open (ballot letters: anqing before voting opens, street at any time)
  API              ${district.url}/api/public/district
  Appeals 诉求      sign in as hotline (12345 派单) or jinkou / street / zhujian (承办单位)
  12345 platform   ${platform.url}  (local stand-in: push work orders, see the feedback, make it fail to watch the retries)

  Demo sign-ins (press 登录 on the admin page and choose one; no password locally):
${users.map((u) => `    ${u.username.padEnd(8)} ${u.role.padEnd(16)} ${u.scopeName} · ${u.name}`).join('\n')}

${noticeDays === undefined ? '  Try a whole vote in minutes: npm start -- --notice-days 0 (local demo only; a deployed district keeps 15 days).' : `  Demo only: the notice period of owner votes is ${noticeDays} days here (a deployed district keeps at least 15).`}
  Data is kept in .data/ (delete it to start over). Ctrl-C stops everything.
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping ...');
    rmSync(join(dataDir, 'local-district.json'), { force: true });
    await platform.stop();
    await district.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof LocalStartError ? `gongzhi: ${error.message}` : error);
  process.exit(1);
});
