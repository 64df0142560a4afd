// A local district in its own process, for tests that kill it (SIGKILL) and start it again
// on the same data. Prints one JSON line when it is ready.
import { startLocalDistrict } from '../../infra/local/district.ts';

const [dataDir, dynamoEndpoint, prefix, port] = process.argv.slice(2);
process.env.LOG_LEVEL = 'ERROR';
const district = await startLocalDistrict({ dataDir: dataDir!, dynamoEndpoint: dynamoEndpoint!, prefix: prefix!, port: Number(port), seed: 'structure', schedules: false, onError: (e) => console.error('[child]', e) });
const { webhookKeys } = await import('../../functions/appeals/webhook-key.ts');
console.log(JSON.stringify({ url: district.url, tableName: district.tableName, admin: await district.auth.issue('admin'), hotline: await district.auth.issue('hotline'), webhookKey: (await webhookKeys(true))[0] }));
