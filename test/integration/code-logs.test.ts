// Codes never reach a log line, even at DEBUG: the whole issue -> exchange -> refusal path
// runs with every log line captured.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callFrom, testDistrict } from '../support/district.ts';
import { issue, withRegister } from '../support/codes.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { normalizeCode } from '../../shared/codes.ts';

// Before any handler module loads: Powertools resets each invocation to its initial level.
process.env.LOG_LEVEL = 'DEBUG';

const d = demoDistrict();
const compound = d.compounds.find((c) => c.communityId === d.communities.find((m) => m.name === '金口路社区')!.id)!;
let district: LocalDistrict;
const written: string[] = [];
const out = process.stdout.write.bind(process.stdout);
const err = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => { written.push(String(chunk)); return out(chunk as never, ...(rest as [])); }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => { written.push(String(chunk)); return err(chunk as never, ...(rest as [])); }) as typeof process.stderr.write;
});
afterAll(async () => {
  process.stdout.write = out;
  process.stderr.write = err;
  await district?.stop();
});

it('never writes a code to a log line', async () => {
  const staff = await district.auth.issue('jinkou');
  await withRegister(district, staff, compound, 5);
  const { letters } = await issue(district, staff, compound.id, { kind: 'rating', id: 'rating-logs', title: '日志检查' });
  await callFrom(district, '127.0.8.1', 'POST', '/api/auth/household', { code: letters[0]!.code });
  await callFrom(district, '127.0.8.1', 'POST', '/api/auth/household', { code: letters[0]!.code });
  await callFrom(district, '127.0.8.1', 'POST', '/api/auth/household', { code: 'ZZZZ' });
  const all = written.join('');
  // The capture works: the refusals were logged, by status and error code only.
  expect(all).toContain('code_invalid');
  for (const l of letters) {
    expect(all).not.toContain(l.code);
    expect(all).not.toContain(normalizeCode(l.code)!);
  }
});
