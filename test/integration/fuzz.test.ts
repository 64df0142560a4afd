// Generated requests at every manifest route: whatever comes in, the answer is never a 5xx,
// and every 400 names the fields and the reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { allRoutes } from '../../functions/manifest.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { withRegister } from '../support/codes.ts';
import { compoundWithItems, households } from '../support/ratings.ts';
import { announce } from '../support/votes.ts';
import { sendOrder, workOrder } from '../support/appeals.ts';
import { department, openRound, pair } from '../support/evaluations.ts';

let district: LocalDistrict;
let admin: string;
/** Resident routes are fuzzed with a resident token for an open campaign or ballot; the rest as the district admin. */
let resident: string;
let voter: string;
beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  admin = await district.auth.issue('admin');
  dispatcher = await district.auth.issue('hotline');
  realCase = (await sendOrder(district, workOrder())).json.caseId;
  const compound = compoundWithItems(demoDistrict(), 2);
  await withRegister(district, admin, compound, 2);
  resident = (await households(district, admin, compound.id, 'fuzz-rating'))[0]!.token;
  await announce(district, admin, compound.id, 'fuzz-ballot');
  voter = (await households(district, admin, compound.id, 'fuzz-ballot', 'ballot'))[0]!.token;
  // An open round that the community user's community takes part in, so its routes are fuzzed past "not found".
  const jinkou = demoDistrict().communities.find((c) => c.name === '金口路社区')!;
  await department(district, admin, 'dep-fuzz', '模糊测试局');
  await pair(district, admin, jinkou.id, ['dep-fuzz']);
  await openRound(district, admin, 'fuzz-round', { period: '2019-H1' });
  community = await district.auth.issue('jinkou');
});
let community: string;
let dispatcher: string;
/** The hotline centre's routes as the centre (the admin is not a dispatcher). */
const tokenFor = (route: (typeof allRoutes)[number]) => ('residents' in route.access ? (route.access.residents.includes('rating') ? resident : voter)
  : 'roles' in route.access && !route.access.roles.includes('district_admin') ? (route.access.roles.includes('dispatcher') ? dispatcher : route.access.roles.includes('community_staff') ? community : admin)
  : admin);
afterAll(async () => district?.stop());

/** An appeal case that exists (made in beforeAll), so the case routes are fuzzed past "not found" too. */
let realCase = '';
const segment = fc.oneof(
  fc.constantFrom('p0001', 'p0051', 'nope', 'fuzz-round', 'dep-fuzz', 'c001', '2019-Q1', '2026', '2031-Q2', 'P0001', '..', '%', '%2F', 'a'.repeat(60), '0', '-x', '2026-10', '2026-Q4', '2025-H2', '2026-13'),
  fc.constant(0).map(() => realCase),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);
const jsonish = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ mode: fc.constantFrom('dry-run', 'commit', 'x'), fileName: fc.string(), contentBase64: fc.oneof(fc.base64String(), fc.string()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ name: fc.string(), address: fc.string(), communityId: fc.constantFrom('c001', 'c999', ''), buildings: fc.array(fc.string(), { maxLength: 4 }), gridIds: fc.array(fc.string(), { maxLength: 3 }), contract: fc.option(fc.record({ companyId: fc.string(), startsOn: fc.string(), endsOn: fc.string(), feeFenPerM2: fc.double() }), { nil: null }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ title: fc.string(), period: fc.string(), issuer: fc.string(), templateId: fc.constantFrom('standard', 'x', ''), opensAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), closesAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), compoundIds: fc.array(fc.constantFrom('p0001', 'p0002', 'nope', ''), { maxLength: 3 }), rev: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ idempotencyKey: fc.oneof(fc.string(), fc.stringMatching(/^[a-f0-9]{16,40}$/)), questionsRev: fc.oneof(fc.constant(1), fc.integer(), fc.double()), contract: fc.array(fc.constantFrom('done', 'partial', 'not', 'unknown', 'x'), { maxLength: 9 }), scores: fc.dictionary(fc.constantFrom('service', 'repair', 'hygiene', 'x', '__proto__'), fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double(), fc.string())), overall: fc.constantFrom('satisfied', 'basic', 'unsatisfied', 'x'), suggestion: fc.string({ maxLength: 600 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ building: fc.string(), unit: fc.string(), reason: fc.string(), exclude: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // Votes: ballots, choices, paper sheets, proxies, deliveries, gate records.
  fc.record({ title: fc.string(), matters: fc.array(fc.record({ id: fc.constantFrom('m1', 'm2', 'M', ''), kind: fc.constantFrom('ordinary', 'special', 'x'), title: fc.string(), text: fc.string(), attachments: fc.array(fc.record({ name: fc.string(), url: fc.constantFrom('https://a.b/c', 'javascript:x', '') }), { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 3 }), opensAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), closesAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), registerVersion: fc.oneof(fc.integer(), fc.double()), followMajority: fc.record({ rule: fc.string() }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ idempotencyKey: fc.oneof(fc.string(), fc.stringMatching(/^[a-f0-9]{16,40}$/)), choices: fc.dictionary(fc.constantFrom('m1', 'm2', 'x', '__proto__', 'constructor'), fc.oneof(fc.constantFrom('agree', 'disagree', 'abstain', 'yes'), fc.integer())) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ building: fc.string(), unit: fc.string(), sheetNo: fc.string(), channel: fc.constantFrom('paper', 'proxy', 'online'), choices: fc.dictionary(fc.constantFrom('m1', 'm2', 'x'), fc.constantFrom('agree', 'x')), proxyName: fc.string(), proxyIdTail: fc.string(), documentRef: fc.string(), method: fc.constantFrom('in_person', 'x'), deliveredOn: fc.string(), proofRef: fc.string(), reason: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ reachableOwners: fc.oneof(fc.integer(), fc.string()), notes: fc.string(), members: fc.array(fc.record({ name: fc.string(), role: fc.string() }), { maxLength: 4 }), candidates: fc.array(fc.record({ id: fc.string(), name: fc.string() }), { maxLength: 3 }), decisions: fc.array(fc.record({ candidateId: fc.string(), approved: fc.boolean(), reason: fc.string() }), { maxLength: 3 }), seats: fc.integer({ min: -2, max: 30 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // Appeals: steps, the routing table, departments.
  fc.record({ rev: fc.oneof(fc.integer(), fc.double(), fc.string()), step: fc.record({ kind: fc.constantFrom('dispatch', 'accept', 'return', 'contact', 'ask_extension', 'decide_extension', 'reply', 'follow_up', 'close', 'supervise', 'invalidate', 'merge', 'x'), unit: fc.record({ kind: fc.constantFrom('community', 'street', 'department', 'x'), id: fc.constantFrom('c001', 's01', 'dep-zhujian', 'nope', '') }), reason: fc.string(), days: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double()), approve: fc.oneof(fc.boolean(), fc.string()), reply: fc.string(), solved: fc.boolean(), satisfaction: fc.constantFrom('satisfied', 'basic', 'dissatisfied', 'x'), escalate: fc.boolean(), note: fc.string(), into: fc.string() }, { requiredKeys: [] }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ categories: fc.array(fc.record({ code: fc.constantFrom('property', 'noise', 'X', ''), name: fc.string(), aliases: fc.array(fc.string(), { maxLength: 2 }) }, { requiredKeys: [] }), { maxLength: 3 }), rules: fc.array(fc.record({ category: fc.constantFrom('property', '*', 'nope'), place: fc.oneof(fc.record({ compoundId: fc.constantFrom('p0001', 'nope') }), fc.record({ streetId: fc.constantFrom('s01', '') })), unit: fc.record({ kind: fc.constantFrom('community', 'department', 'x'), id: fc.constantFrom('c001', 'dep-zhujian', 'nope') }) }, { requiredKeys: [] }), { maxLength: 3 }), rev: fc.oneof(fc.integer(), fc.string()), platformCode: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // Pairings and evaluations.
  fc.record({ rev: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()), departmentIds: fc.array(fc.constantFrom('dep-fuzz', 'nope', '', 'DEP'), { maxLength: 3 }), leaderIds: fc.array(fc.constantFrom('l1', 'nope', ''), { maxLength: 2 }), name: fc.string(), title: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ title: fc.string(), period: fc.constantFrom('2041-H1', '2026-H3', 'x', ''), opensAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), closesAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), criteria: fc.array(fc.record({ code: fc.constantFrom('overall', 'x', 'Overall', ''), name: fc.string() }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ departmentId: fc.constantFrom('dep-fuzz', 'nope', ''), scores: fc.dictionary(fc.constantFrom('responsiveness', 'projects', 'presence', 'overall', 'x', '__proto__'), fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double(), fc.string())), comment: fc.string({ maxLength: 600 }), idempotencyKey: fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9]{16,20}$/)), exclude: fc.oneof(fc.boolean(), fc.string()), reason: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // The quarterly assessment.
  fc.record({ class: fc.constantFrom('强基', '创优', '示范', 'x', ''), reason: fc.string(), rev: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()), correctionReason: fc.string(), values: fc.dictionary(fc.constantFrom('partyacts', 'partycover', 'response', 'x', '__proto__'), fc.oneof(fc.record({ value: fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double(), fc.string()), evidence: fc.string() }, { requiredKeys: [] }), fc.integer())) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ scores: fc.dictionary(fc.constantFrom('c001', 'c002', 'c050', 'nope', '__proto__'), fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double(), fc.string())), reason: fc.string(), quarter: fc.constantFrom('2019-Q1', '2026-Q5', 'x'), communityId: fc.constantFrom('c001', 'nope'), indicator: fc.constantFrom('response', 'X'), text: fc.string(), assignee: fc.record({ kind: fc.constantFrom('leader', 'department', 'street', 'x'), id: fc.constantFrom('dep-fuzz', 's01', 'nope') }, { requiredKeys: [] }), dueOn: fc.constantFrom('2027-01-31', '2027-13-01', 'x'), state: fc.constantFrom('open', 'done', 'x'), note: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // Joint projects and shock teams.
  fc.record({ title: fc.string(), description: fc.string(), compoundIds: fc.array(fc.constantFrom('p0001', 'nope', ''), { maxLength: 2 }), rev: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.string()), goals: fc.string(), milestones: fc.array(fc.record({ title: fc.string(), dueOn: fc.constantFrom('2027-01-31', '2027-02-30', 'x') }, { requiredKeys: [] }), { maxLength: 3 }), text: fc.string(), doneOn: fc.constantFrom('2026-01-01', '2099-01-01', 'x'), state: fc.constantFrom('done', 'dropped', 'x'), reason: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ rev: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()), name: fc.string(), members: fc.array(fc.record({ id: fc.constantFrom('m1', 'm2', 'M!', ''), name: fc.string(), phone: fc.constantFrom('13900000001', '123', ''), role: fc.string() }, { requiredKeys: [] }), { maxLength: 3 }), departmentId: fc.constantFrom('dep-fuzz', 'nope'), kind: fc.constantFrom('task', 'emergency', 'x'), task: fc.string(), place: fc.string(), at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), answers: fc.dictionary(fc.constantFrom('m1', 'm9', '__proto__'), fc.constantFrom('coming', 'cannot', 'x')), attended: fc.dictionary(fc.constantFrom('m1', 'm9', '__proto__'), fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.string())), note: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // Leader liaison.
  fc.record({ leaderId: fc.constantFrom('l1', 'nope', ''), kind: fc.constantFrom('policy', 'office', 'x'), date: fc.constantFrom('2026-01-02', '2099-01-01', 'x'), raised: fc.string(), matter: fc.string(), caseId: fc.oneof(fc.constant(0).map(() => realCase), fc.string()), settled: fc.oneof(fc.boolean(), fc.string()), outcome: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  // The year-end selection.
  fc.record({ title: fc.string(), panel: fc.array(fc.record({ id: fc.constantFrom('p1', 'p2', 'P!', ''), name: fc.string() }, { requiredKeys: [] }), { maxLength: 4 }), winners: fc.oneof(fc.integer({ min: -1, max: 40 }), fc.string()), kind: fc.constantFrom('project', 'wish', 'x'), communityId: fc.constantFrom('c001', 'nope'), projectId: fc.string(), story: fc.string(), reason: fc.string(), memberId: fc.constantFrom('p1', 'nope', ''), score: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 50 }),
);
const query = fc.dictionary(fc.constantFrom('version', 'month', 'actor', 'target', 'limit', 'format', 'file', 'receipt', 'queue', 'x'), fc.string({ maxLength: 10 }), { maxKeys: 3 });

describe.each(allRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  it('answers generated requests without a 5xx; 400s carry field-level reasons', async () => {
    await fc.assert(fc.asyncProperty(segment, fc.option(jsonish, { nil: undefined }), query, fc.boolean(), async (seg, body, q, json) => {
      const path = route.path.replace(/\{[^}]+\}/g, seg) + (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
      const res = await call(district, route.method, path, { token: tokenFor(route), rawBody: route.method === 'GET' ? undefined : body, contentType: json ? 'application/json' : 'text/plain' });
      expect(res.status, `${route.method} ${path} ${body}`).toBeLessThan(500);
      if (res.status === 400) {
        expect(res.json.error.code).toEqual(expect.any(String));
        expect(res.json.error.fields.length).toBeGreaterThan(0);
        for (const f of res.json.error.fields) {
          expect(f.path).toEqual(expect.any(String));
          expect(f.reason.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 30 });
  });

  if (!('public' in route.access)) {
    it('answers 401 to the same route without a token', async () => {
      const res = await call(district, route.method, route.path.replace(/\{[^}]+\}/g, 'p0001'));
      expect(res.status).toBe(401);
    });
  }
});
