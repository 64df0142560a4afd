// npm run rebuild [-- --apply] [-- --campaign ID] [-- --table NAME --region REGION]
// Recomputes every live rating figure from the stored submissions and checks every published
// notice against the records (issue 5). Without --table it works on the running local district
// (`npm start`); with --table, on a deployed district's table with the default AWS credentials.
// Exit code 1 when differences remain (so it can run in a schedule and alert).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../paths.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb.ts';

const { values } = parseArgs({ options: { apply: { type: 'boolean', default: false }, campaign: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } } });

if (values.table) {
  process.env.TABLE_NAME = values.table;
  if (values.region) process.env.AWS_REGION = values.region;
} else {
  const file = join(ROOT, '.data', 'local-district.json');
  if (!existsSync(file)) {
    console.error('gongzhi: no local district is running. Start it with `npm start`, or pass --table NAME for a deployed district.');
    process.exit(2);
  }
  const local = JSON.parse(readFileSync(file, 'utf8')) as { dynamoEndpoint: string; tableName: string };
  Object.assign(process.env, { TABLE_NAME: local.tableName, AWS_ENDPOINT_URL_DYNAMODB: local.dynamoEndpoint, AWS_REGION: LOCAL_REGION, AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey });
}

const { rebuildRatings } = await import('../../functions/ratings/rebuild.ts');
const report = await rebuildRatings({ apply: values.apply, campaignId: values.campaign });
console.log(`Checked ${report.campaigns} campaigns, ${report.compounds} compounds, ${report.submissions} submissions, ${report.notices} published notices.`);
for (const d of report.differences) console.log(`  ${d.kind === 'live' ? 'LIVE  ' : 'NOTICE'} ${d.campaignId} ${d.compoundId}: ${d.detail}`);
if (report.differences.length === 0) console.log('Live figures and published notices match the records.');
else if (values.apply) console.log(`Live figures replaced where they differed. Published notices are never rewritten: publish a correction for any NOTICE line.`);
else console.log('Run again with --apply to replace the live figures.');
const left = values.apply ? report.differences.filter((d) => d.kind === 'notice') : report.differences;
process.exit(left.length > 0 ? 1 : 0);
