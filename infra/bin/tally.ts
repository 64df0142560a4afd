// npm run -s tally -- --register R.csv --matters M.csv --votes V.csv
// Recounts an owner vote from three CSV files with the platform's own rules (shared/votes):
// prints one JSON object, or exits 2 with line-numbered errors and no result.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeCsv } from '../../shared/registry/csv.ts';
import { recount, recountJson } from '../../shared/votes/recount.ts';

const usage = 'usage: npm run -s tally -- --register R.csv --matters M.csv --votes V.csv';
let values: { register?: string; matters?: string; votes?: string };
try {
  ({ values } = parseArgs({ options: { register: { type: 'string' }, matters: { type: 'string' }, votes: { type: 'string' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const missing = (['register', 'matters', 'votes'] as const).filter((k) => !values[k]);
if (missing.length) {
  console.error(`missing --${missing.join(', --')}\n${usage}`);
  process.exit(2);
}
const read = (path: string) => {
  try {
    return { name: path, text: decodeCsv(readFileSync(path)).text };
  } catch (error) {
    console.error(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    process.exit(2);
  }
};
const outcome = recount({ register: read(values.register!), matters: read(values.matters!), votes: read(values.votes!) });
if (!outcome.ok) {
  for (const e of outcome.errors) console.error(e);
  process.exit(2);
}
console.log(JSON.stringify(recountJson(outcome.tally)));
