// The authorization table, tested as a matrix generated from the manifest: every route ×
// every principal kind × in scope / out of scope / no token / expired / tampered. The
// expected answer is computed from what each route declares; a route without a fixture
// here fails the first test, so a new route cannot skip the matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { call, callFrom, testDistrict } from '../support/district.ts';
import { createCampaign, issue, withRegister } from '../support/codes.ts';
import { announce } from '../support/votes.ts';
import { sendOrder, step, workOrder } from '../support/appeals.ts';
import { department, FULL_SCORES, openRound, pair, rate } from '../support/evaluations.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { routes, type RouteDef } from '../../functions/manifest.ts';
import { authorizerOf, STAFF_ROLES, type PurposeKind, type StaffRole } from '../../shared/access.ts';
import { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const xizang = d.communities.find((c) => c.name === '西藏路社区')!;
const target = d.compounds.filter((c) => c.communityId === jinkou.id)[3]!;
const otherCompound = d.compounds.find((c) => c.communityId === xizang.id)!;
const otherStreet = d.streets.find((s) => s.id !== jinkou.streetId)!;
const rows = demoRegisterRows(target).slice(0, 6);

type RouteName = keyof typeof routes;
interface Fixture { path: string; body?: unknown; expect: 'ok' | 'not-denied'; /** Signed as the 12345 platform signs (the webhook). */ signed?: boolean; /** A form-encoded body (Open311). */ form?: string; /** Sent from this loopback address (per-client limits). */ from?: string }
const compoundPath = (p: string) => p.replace('{compoundId}', target.id);
const campaignPath = (p: string) => compoundPath(p).replace('{campaignId}', 'm-rating');
const ballotPath = (p: string) => compoundPath(p).replace('{ballotId}', 'm-ballot');
const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const FIXTURES: Record<RouteName, (caller: Caller) => Fixture> = {
  staffMe: () => ({ path: routes.staffMe.path, expect: 'ok' }),
  publicDistrict: () => ({ path: routes.publicDistrict.path, expect: 'ok' }),
  registryTree: () => ({ path: routes.registryTree.path, expect: 'ok' }),
  compoundGet: () => ({ path: compoundPath(routes.compoundGet.path), expect: 'ok' }),
  compoundPut: () => ({ path: compoundPath(routes.compoundPut.path), body: { name: target.name, address: target.address, communityId: jinkou.id, buildings: target.buildings, gridIds: target.gridIds, contract: target.contract }, expect: 'ok' }),
  compoundBuildingAdd: () => ({ path: compoundPath(routes.compoundBuildingAdd.path), body: { name: `矩阵${++made}号楼` }, expect: 'ok' }),
  companyPut: () => ({ path: routes.companyPut.path.replace('{companyId}', 'pc-matrix'), body: { name: '青岛矩阵物业服务有限公司' }, expect: 'ok' }),
  registerImport: () => ({ path: compoundPath(routes.registerImport.path), body: { mode: 'dry-run', fileName: 'm.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') }, expect: 'ok' }),
  registerVersions: () => ({ path: compoundPath(routes.registerVersions.path), expect: 'ok' }),
  registerExport: () => ({ path: compoundPath(routes.registerExport.path), expect: 'ok' }),
  codesIssue: () => ({ path: compoundPath(routes.codesIssue.path), body: { purpose: { kind: 'ballot', id: 'm-later', title: '矩阵测试' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }, expect: 'ok' }),
  codeRevoke: () => ({ path: compoundPath(routes.codeRevoke.path), body: { purposeId: 'm-later', building: rows[5]!.building, unit: rows[5]!.unit, reissue: true }, expect: 'ok' }),
  codeStatus: () => ({ path: `${compoundPath(routes.codeStatus.path)}?purposeId=m-ballot`, expect: 'ok' }),
  codeExchange: () => ({ path: routes.codeExchange.path, body: { code: 'AAAA-BBBB-CCCC' }, expect: 'not-denied' }),
  residentDiscovery: () => ({ path: routes.residentDiscovery.path, expect: 'ok' }),
  residentJwks: () => ({ path: routes.residentJwks.path, expect: 'ok' }),
  residentMe: () => ({ path: routes.residentMe.path, expect: 'ok' }),
  auditList: () => ({ path: routes.auditList.path, expect: 'ok' }),
  ratingTemplates: () => ({ path: routes.ratingTemplates.path, expect: 'ok' }),
  ratingTemplatePut: () => ({ path: routes.ratingTemplatePut.path.replace('{templateId}', 'matrix'), body: { name: '矩阵模板', questionnaire: {} }, expect: 'ok' }),
  campaignsList: () => ({ path: routes.campaignsList.path, expect: 'ok' }),
  // A new campaign each time, opening tomorrow, over the target compound.
  campaignPut: () => ({ path: routes.campaignPut.path.replace('{campaignId}', `m-new-${++made}`), body: { title: '矩阵测试评价', period: '2027年上半年', issuer: '市南区', templateId: 'standard', opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), compoundIds: [target.id] }, expect: 'ok' }),
  campaignGet: () => ({ path: campaignPath(routes.campaignGet.path), expect: 'ok' }),
  campaignClose: () => ({ path: routes.campaignClose.path.replace('{campaignId}', 'm-close'), expect: 'not-denied' }),
  ratingReview: () => ({ path: campaignPath(routes.ratingReview.path), expect: 'ok' }),
  ratingExclude: () => ({ path: campaignPath(routes.ratingExclude.path), body: { building: rows[4]!.building, unit: rows[4]!.unit, reason: '矩阵测试排除' }, expect: 'not-denied' }),
  noticePublish: () => ({ path: campaignPath(routes.noticePublish.path), body: {}, expect: 'not-denied' }),
  publicRatings: () => ({ path: routes.publicRatings.path, expect: 'ok' }),
  publicCampaign: () => ({ path: campaignPath(routes.publicCampaign.path), expect: 'not-denied' }),
  publicNotice: () => ({ path: campaignPath(routes.publicNotice.path), expect: 'not-denied' }),
  publicOpenData: () => ({ path: campaignPath(routes.publicOpenData.path), expect: 'not-denied' }),
  residentRatingForm: () => ({ path: routes.residentRatingForm.path, expect: 'ok' }),
  residentRatingSubmit: () => ({
    path: routes.residentRatingSubmit.path,
    body: { idempotencyKey: 'matrix-key-000000001', questionsRev: 1, contract: (target.contract?.serviceItems ?? []).map(() => 'done'), scores: { service: 5, repair: 4, facility: 4, order: 5, hygiene: 3, greening: 4 }, overall: 'satisfied' },
    expect: 'ok',
  }),
  ballotsList: () => ({ path: compoundPath(routes.ballotsList.path), expect: 'ok' }),
  ballotAnnounce: () => ({ path: compoundPath(routes.ballotAnnounce.path).replace('{ballotId}', `m-new-${++made}`), body: { title: '矩阵测试表决', matters: [{ id: 'm1', kind: 'ordinary', title: '矩阵测试事项', text: '矩阵测试事项的全文内容。' }], opensAt: soon(1), closesAt: soon(8) }, expect: 'ok' }),
  ballotBoard: () => ({ path: ballotPath(routes.ballotBoard.path), expect: 'ok' }),
  // m-new-1 is the first ballot the announce fixture made (opening tomorrow): the first allowed caller withdraws it, later ones get 409.
  ballotWithdraw: () => ({ path: `${compoundPath(routes.ballotWithdraw.path).replace('{ballotId}', 'm-new-1')}`, body: { reason: '矩阵测试撤回' }, expect: 'not-denied' }),
  paperKey: () => ({ path: ballotPath(routes.paperKey.path), body: { building: rows[3]!.building, unit: rows[3]!.unit, sheetNo: 'P-1', choices: { m1: 'agree' } }, expect: 'not-denied' }),
  paperDiscard: () => ({ path: ballotPath(routes.paperDiscard.path), body: { building: rows[3]!.building, unit: rows[3]!.unit, reason: '矩阵测试作废' }, expect: 'not-denied' }),
  proxyRecord: () => ({ path: ballotPath(routes.proxyRecord.path), body: { building: rows[4]!.building, unit: rows[4]!.unit, proxyName: '王五', proxyIdTail: '12345X', documentRef: 'WT-1' }, expect: 'not-denied' }),
  deliveryRecord: () => ({ path: ballotPath(routes.deliveryRecord.path), body: { building: rows[2]!.building, unit: rows[2]!.unit, method: 'in_person', deliveredOn: '2026-11-20', proofRef: '签收表第1页' }, expect: 'not-denied' }),
  hearingAdd: () => ({ path: ballotPath(routes.hearingAdd.path), body: { matterId: 'm1', stage: 'before', date: '2026-11-20', attendance: 12, minutes: '矩阵测试听证会纪要内容。', outcome: '同意提交表决' }, expect: 'ok' }),
  ballotClose: () => ({ path: ballotPath(routes.ballotClose.path), expect: 'not-denied' }),
  ballotExport: () => ({ path: `${ballotPath(routes.ballotExport.path)}?file=matters`, expect: 'not-denied' }),
  electionStart: () => ({ path: compoundPath(routes.electionStart.path).replace('{electionId}', `m-el-${++made}`), body: { title: '矩阵测试选举' }, expect: 'ok' }),
  electionGate: () => ({ path: compoundPath(routes.electionGate.path).replace('{electionId}', 'm-election').replace('{gate}', 'survey'), body: { reachableOwners: 3, notes: '矩阵测试摸底' }, expect: 'not-denied' }),
  committeeForm: () => ({ path: compoundPath(routes.committeeForm.path).replace('{electionId}', 'm-election'), expect: 'not-denied' }),
  committeesDashboard: () => ({ path: routes.committeesDashboard.path, expect: 'ok' }),
  residentBallotForm: () => ({ path: routes.residentBallotForm.path, expect: 'ok' }),
  residentBallotSubmit: () => ({ path: routes.residentBallotSubmit.path, body: { idempotencyKey: 'matrix-key-000000002', choices: { m1: 'agree' } }, expect: 'ok' }),
  publicBallots: () => ({ path: routes.publicBallots.path, expect: 'ok' }),
  publicBallotResult: () => ({ path: ballotPath(routes.publicBallotResult.path), expect: 'not-denied' }),
  publicBulletin: () => ({ path: ballotPath(routes.publicBulletin.path), expect: 'not-denied' }),
  publicAnnouncement: () => ({ path: ballotPath(routes.publicAnnouncement.path), expect: 'not-denied' }),
  openApi: () => ({ path: routes.openApi.path, expect: 'ok' }),
  publicAppealChoices: () => ({ path: routes.publicAppealChoices.path, expect: 'ok' }),
  // From many callers: each a new appeal from its own number (a phone may file 5 a day).
  residentAppeal: () => ({ path: routes.residentAppeal.path, from: `127.0.31.${(made % 200) + 1}`, body: { idempotencyKey: `${String(++made).padStart(4, '0')}${'a'.repeat(16)}`, phone: `1390000${String(made).padStart(4, '0')}`, category: 'property', compoundId: target.id, content: '矩阵测试：楼道灯不亮已经一周。' }, expect: 'ok' }),
  trackAppeal: () => ({ path: routes.trackAppeal.path, body: { code: 'AAAA-BBBB-CCCC' }, expect: 'not-denied' }),
  open311Get: () => ({ path: '/open311/v2/services.json', expect: 'ok' }),
  open311Post: () => ({ path: '/open311/v2/requests.json', form: `api_key=${open311Key}&service_code=property&address_id=${target.id}&description=${encodeURIComponent('矩阵测试：楼道灯不亮。')}`, expect: 'ok' }),
  open311Service: () => ({ path: '/open311/v2/services/property.json', expect: 'ok' }),
  open311Request: (c) => ({ path: `/open311/v2/requests/${caseFor(c)}.json`, expect: 'ok' }),
  open311Token: () => ({ path: '/open311/v2/tokens/matrix.json', expect: 'not-denied' }),
  open311KeyIssue: () => ({ path: routes.open311KeyIssue.path, body: { name: '矩阵测试客户端' }, expect: 'ok' }),
  staffReport: () => ({ path: compoundPath(routes.staffReport.path), body: { category: 'property', content: '矩阵测试：小区楼道堆放杂物，存在消防隐患。', to: 'district' }, expect: 'ok' }),
  workOrderWebhook: () => ({ path: routes.workOrderWebhook.path, body: workOrder({ address: target.address }), signed: true, expect: 'ok' }),
  webhookKeyRotate: () => ({ path: routes.webhookKeyRotate.path, expect: 'ok' }),
  appealRoutingGet: () => ({ path: routes.appealRoutingGet.path, expect: 'ok' }),
  // Saved over revision 1 (the seeded table): the first allowed caller saves, later ones are told it changed (409).
  appealRoutingPut: () => ({ path: routes.appealRoutingPut.path, body: { rev: 1, categories: [{ code: 'property', name: '物业管理' }], rules: [{ category: 'property', unit: { kind: 'community', id: jinkou.id } }] }, expect: 'not-denied' }),
  departmentPut: () => ({ path: routes.departmentPut.path.replace('{departmentId}', 'dep01'), body: { name: '矩阵测试局' }, expect: 'ok' }),
  centreQueue: () => ({ path: `${routes.centreQueue.path}?queue=dispatch`, expect: 'ok' }),
  unitWorkList: () => ({ path: routes.unitWorkList.path, expect: 'ok' }),
  caseGet: (c) => ({ path: routes.caseGet.path.replace('{caseId}', caseFor(c)), expect: 'ok' }),
  // The unit's step for the units, the centre's for the others: allowed through, refused (if at all) by the case's state or revision.
  caseStep: (c) => ({
    path: routes.caseStep.path.replace('{caseId}', caseFor(c)),
    body: { rev: 1, step: c.kind === 'staff' && ['community_staff', 'street_staff', 'department'].includes(c.role) ? { kind: 'contact' } : { kind: 'supervise', escalate: false, note: '矩阵测试督办' } },
    expect: 'not-denied',
  }),
  appealDashboard: () => ({ path: routes.appealDashboard.path, expect: 'ok' }),
  appealReportList: () => ({ path: routes.appealReportList.path, expect: 'ok' }),
  // No month is frozen in the matrix's district: allowed through to a 404.
  appealReportGet: () => ({ path: routes.appealReportGet.path.replace('{period}', '2026-Q1'), expect: 'not-denied' }),
  // Last month: the first allowed caller freezes it, later ones are told nothing changed (409).
  appealReportFreeze: () => ({ path: routes.appealReportFreeze.path.replace('{period}', lastMonth()), body: {}, expect: 'not-denied' }),
  publicAppealFigures: () => ({ path: routes.publicAppealFigures.path, expect: 'ok' }),
  pairingsGet: () => ({ path: routes.pairingsGet.path, expect: 'ok' }),
  leaderPut: () => ({ path: routes.leaderPut.path.replace('{leaderId}', 'l-matrix'), body: { name: '矩阵领导', title: '区委常委' }, expect: 'ok' }),
  // Over revision 1 (made in beforeAll): the first allowed caller saves, later ones are told it changed (409).
  pairingPut: () => ({ path: routes.pairingPut.path.replace('{communityId}', jinkou.id), body: { rev: 1, departmentIds: ['dep01'], leaderIds: ['l-matrix'] }, expect: 'not-denied' }),
  evaluationRounds: () => ({ path: routes.evaluationRounds.path, expect: 'ok' }),
  evaluationRoundPut: () => ({ path: routes.evaluationRoundPut.path.replace('{roundId}', 'm-round-new'), body: { title: '矩阵测试评价轮次', period: '2017-H1', opensAt: soon(1), closesAt: soon(9) }, expect: 'ok' }),
  evaluationRoundGet: () => ({ path: routes.evaluationRoundGet.path.replace('{roundId}', 'm-round'), expect: 'ok' }),
  evaluationRoundClose: () => ({ path: routes.evaluationRoundClose.path.replace('{roundId}', 'm-round-close'), expect: 'not-denied' }),
  evaluationForm: () => ({ path: routes.evaluationForm.path, expect: 'ok' }),
  // Each community rates the department it is paired with (jinkou dep01, xizang dep02).
  evaluationSubmit: (c) => ({ path: routes.evaluationSubmit.path.replace('{roundId}', 'm-round'), body: { departmentId: c.kind === 'staff' && !c.inScope ? 'dep02' : 'dep01', scores: FULL_SCORES(3), idempotencyKey: 'matrix-evaluation-0001' }, expect: 'ok' }),
  evaluationExclude: () => ({ path: routes.evaluationExclude.path.replace('{roundId}', 'm-round-closed').replace('{communityId}', jinkou.id).replace('{departmentId}', 'dep01'), body: { exclude: true, reason: '矩阵测试不计入' }, expect: 'not-denied' }),
  evaluationPublish: () => ({ path: routes.evaluationPublish.path.replace('{roundId}', 'm-round-closed'), body: {}, expect: 'not-denied' }),
  evaluationRanking: () => ({ path: routes.evaluationRanking.path.replace('{roundId}', 'm-round-closed'), expect: 'ok' }),
  departmentEvaluations: () => ({ path: routes.departmentEvaluations.path.replace('{departmentId}', 'dep01'), expect: 'ok' }),
  assessmentClasses: () => ({ path: routes.assessmentClasses.path, expect: 'ok' }),
  // The first allowed caller moves jinkou to another class, later ones are told it changed (409).
  assessmentClassPut: () => ({ path: routes.assessmentClassPut.path.replace('{year}', '2030').replace('{communityId}', jinkou.id), body: { class: jinkou.class === '示范' ? '强基' : '示范', reason: '矩阵测试调整分类', rev: 0 }, expect: 'not-denied' }),
  assessmentQuarters: () => ({ path: routes.assessmentQuarters.path, expect: 'ok' }),
  assessmentQuarter: () => ({ path: routes.assessmentQuarter.path.replace('{quarter}', lastQuarter()), expect: 'ok' }),
  assessmentEntryPut: () => ({ path: routes.assessmentEntryPut.path.replace('{quarter}', lastQuarter()).replace('{communityId}', jinkou.id), body: { rev: 0, values: { partycover: { value: 600, evidence: '矩阵测试台账' } } }, expect: 'not-denied' }),
  assessmentReviewForm: () => ({ path: routes.assessmentReviewForm.path.replace('{quarter}', lastQuarter()), expect: 'ok' }),
  // Each community scores a peer of its own class (jinkou and xizang each have one).
  assessmentReviewSubmit: (c) => ({ path: routes.assessmentReviewSubmit.path.replace('{quarter}', lastQuarter()), body: { scores: { [peerOf(c.kind === 'staff' && !c.inScope ? xizang : jinkou)]: 80 } }, expect: 'ok' }),
  // Frozen in beforeAll: allowed through to "nothing changed" (409).
  assessmentFreeze: () => ({ path: routes.assessmentFreeze.path.replace('{quarter}', '2019-Q1'), body: {}, expect: 'not-denied' }),
  assessmentResults: () => ({ path: routes.assessmentResults.path.replace('{quarter}', '2019-Q1'), expect: 'ok' }),
  assessmentCommunity: () => ({ path: routes.assessmentCommunity.path.replace('{communityId}', jinkou.id), expect: 'ok' }),
  assessmentTaskCreate: () => ({ path: routes.assessmentTaskCreate.path, body: { quarter: '2019-Q1', communityId: jinkou.id, text: '矩阵测试整改任务', assignee: { kind: 'department', id: 'dep01' }, dueOn: '2027-01-31' }, expect: 'ok' }),
  assessmentTasks: () => ({ path: routes.assessmentTasks.path, expect: 'ok' }),
  // Each caller marks a task given to it (the first done, later ones 409).
  assessmentTaskState: (c) => ({ path: routes.assessmentTaskState.path.replace('{taskId}', matrixTasks[c.kind === 'staff' ? `${c.role}:${c.inScope}` : ''] ?? matrixTasks['district_admin:true']!), body: { state: 'done', note: '矩阵测试完成' }, expect: 'not-denied' }),
  projectsList: () => ({ path: routes.projectsList.path, expect: 'ok' }),
  projectPropose: () => ({ path: routes.projectPropose.path.replace('{communityId}', jinkou.id), body: { title: '矩阵测试项目', description: '矩阵测试项目的说明文字。', compoundIds: [target.id] }, expect: 'ok' }),
  // Each caller reads (and works on) a project of its own: its community's, its street's, one its department is paired with.
  projectGet: (c) => ({ path: projectPath(routes.projectGet.path, c), expect: 'ok' }),
  projectClaim: (c) => ({ path: projectPath(routes.projectClaim.path, c), expect: 'not-denied' }),
  projectPlan: (c) => ({ path: projectPath(routes.projectPlan.path, c), body: { rev: 2, goals: '矩阵测试目标', milestones: [{ title: '矩阵节点', dueOn: '2027-01-31' }] }, expect: 'not-denied' }),
  projectEvidence: (c) => ({ path: projectPath(routes.projectEvidence.path, c).replace('{milestoneId}', 'm1'), body: { rev: 3, text: '矩阵测试完成情况', doneOn: '2026-01-02' }, expect: 'not-denied' }),
  projectEnd: (c) => ({ path: projectPath(routes.projectEnd.path, c), body: { rev: 9, state: 'dropped', reason: '矩阵测试终止' }, expect: 'not-denied' }),
  teamsList: () => ({ path: routes.teamsList.path, expect: 'ok' }),
  teamPut: () => ({ path: routes.teamPut.path.replace('{departmentId}', 'dep01').replace('{teamId}', 't1'), body: { rev: 1, name: '矩阵测试突击队', members: [{ id: 'm1', name: '张三', phone: '13900000001' }] }, expect: 'not-denied' }),
  calloutsList: () => ({ path: routes.calloutsList.path, expect: 'ok' }),
  calloutCreate: (c) => ({ path: routes.calloutCreate.path, body: { departmentId: c.kind === 'staff' && !c.inScope ? 'dep02' : 'dep01', teamId: 't1', kind: 'task', task: '矩阵测试任务', place: '矩阵测试地点', at: soon(1) }, expect: 'ok' }),
  calloutAnswers: (c) => ({ path: calloutPath(routes.calloutAnswers.path, c), body: { answers: { m1: 'coming' } }, expect: 'not-denied' }),
  calloutAttendance: (c) => ({ path: calloutPath(routes.calloutAttendance.path, c), body: { attended: { m1: 30 } }, expect: 'not-denied' }),
  liaisonSummary: () => ({ path: routes.liaisonSummary.path, expect: 'ok' }),
  liaisonCommunity: () => ({ path: routes.liaisonCommunity.path.replace('{communityId}', jinkou.id), expect: 'ok' }),
  liaisonVisit: () => ({ path: routes.liaisonVisit.path.replace('{communityId}', jinkou.id), body: { leaderId: 'l-matrix', kind: 'policy', date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), raised: '矩阵测试走访' }, expect: 'ok' }),
  liaisonEscalate: () => ({ path: routes.liaisonEscalate.path.replace('{communityId}', jinkou.id), body: { leaderId: 'l-matrix', matter: '矩阵测试协调事项' }, expect: 'ok' }),
  liaisonOutcome: () => ({ path: routes.liaisonOutcome.path.replace('{communityId}', jinkou.id).replace('{escalationId}', matrixEscalation), body: { settled: false, outcome: '矩阵测试协调中' }, expect: 'ok' }),
  selectionPut: () => ({ path: routes.selectionPut.path.replace('{year}', '2017'), body: selectionBody, expect: 'ok' }),
  selectionGet: () => ({ path: routes.selectionGet.path.replace('{year}', '2018'), expect: 'ok' }),
  // Each community nominates a wish of its own.
  // A wish is nominated once a year per community and title: each caller its own.
  selectionNominate: (c) => ({ path: routes.selectionNominate.path.replace('{year}', '2018'), body: { kind: 'wish', communityId: c.kind === 'staff' && !c.inScope ? xizang.id : jinkou.id, title: `矩阵测试微心愿${++made}`, story: '矩阵测试微心愿的故事内容。', reason: '矩阵测试推荐理由' }, expect: 'ok' }),
  selectionScore: () => ({ path: routes.selectionScore.path.replace('{year}', '2018').replace('{nominationId}', matrixNomination), body: { memberId: 'p1', score: 90 }, expect: 'ok' }),
  // Not every member has scored: allowed through to 409.
  selectionFreeze: () => ({ path: routes.selectionFreeze.path.replace('{year}', '2018'), expect: 'not-denied' }),
  publicSelection: () => ({ path: routes.publicSelection.path.replace('{year}', '2018'), expect: 'not-denied' }),
  appealPhotoUploads: () => ({ path: routes.appealPhotoUploads.path, from: `127.0.32.${(made % 200) + 1}`, body: { idempotencyKey: `${String(++made).padStart(4, '0')}${'b'.repeat(16)}`, types: ['image/jpeg'] }, expect: 'ok' }),
  staffPhotoUploads: () => ({ path: routes.staffPhotoUploads.path, body: { idempotencyKey: `${String(++made).padStart(4, '0')}${'c'.repeat(16)}`, types: ['image/jpeg'] }, expect: 'ok' }),
};
/** A community of the same class as this one (for a cross review). */
const peerOf = (c: { id: string; class: string }) => d.communities.find((x) => x.class === c.class && x.id !== c.id)!.id;
function lastQuarter(): string {
  const b = new Date(Date.now() + 8 * 3_600_000);
  const q = Math.floor(b.getUTCMonth() / 3);
  return q === 0 ? `${b.getUTCFullYear() - 1}-Q4` : `${b.getUTCFullYear()}-Q${q}`;
}
const matrixTasks: Record<string, string> = {};
/** Projects and call-outs by whose they are: 'in' (jinkou's, paired with dep01), 'out' (xizang's, dep02), 'street-out' (another street's). */
const matrixProjects: Record<string, string> = {};
const matrixCallouts: Record<string, string> = {};
let matrixEscalation = '';
let matrixNomination = '';
const selectionBody = { title: '矩阵测试年度评选', panel: [{ id: 'p1', name: '评审甲' }, { id: 'p2', name: '评审乙' }, { id: 'p3', name: '评审丙' }], winners: 1 };
const whoseOf = (c: Caller) => (c.kind !== 'staff' || c.inScope ? 'in' : c.role === 'street_staff' ? 'street-out' : 'out');
const projectPath = (p: string, c: Caller) => {
  const [communityId, id] = (matrixProjects[whoseOf(c)] ?? matrixProjects.in!).split('|');
  return p.replace('{communityId}', communityId!).replace('{projectId}', id!);
};
const calloutPath = (p: string, c: Caller) => {
  const [communityId, id] = (matrixCallouts[whoseOf(c) === 'out' ? 'out' : 'in'] ?? '').split('|');
  return p.replace('{communityId}', communityId!).replace('{calloutId}', id!);
};
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}
/** A case in the caller's scope: dispatched to their unit (community, street, department), or any for the centre and the district. */
const matrixCases: Record<string, string> = {};
let open311Key = '';
function caseFor(c: Caller): string {
  const role = c.kind === 'staff' ? c.role : 'community_staff';
  return matrixCases[role === 'street_staff' ? 'street' : role === 'department' ? 'department' : 'community'] ?? 'x'.repeat(9) + '0'.repeat(16);
}
let made = 0;

type Caller =
  | { kind: 'none' | 'expired' | 'tampered' | 'expired-resident' | 'tampered-resident' }
  | { kind: 'staff'; role: StaffRole; inScope: boolean }
  | { kind: 'resident'; purpose: PurposeKind };

const CALLERS: Caller[] = [
  { kind: 'none' }, { kind: 'expired' }, { kind: 'tampered' }, { kind: 'expired-resident' }, { kind: 'tampered-resident' },
  // A district admin's and the hotline centre's scope is the whole district: neither has an "out of scope" form.
  ...STAFF_ROLES.flatMap((role) => (role === 'district_admin' || role === 'dispatcher' ? [true] : [true, false]).map((inScope) => ({ kind: 'staff' as const, role, inScope }))),
  { kind: 'resident', purpose: 'rating' }, { kind: 'resident', purpose: 'ballot' },
];
const label = (c: Caller) => (c.kind === 'staff' ? `${c.role} ${c.inScope ? 'in scope' : 'out of scope'}` : c.kind === 'resident' ? `resident (${c.purpose})` : c.kind);

/** The oracle: what the route's declaration says this caller gets. */
function expected(route: RouteDef, c: Caller): 'allowed' | 401 | 403 {
  const authorizer = authorizerOf(route.access);
  if (authorizer === 'none') return 'allowed';
  if (c.kind === 'staff') {
    if (authorizer !== 'staff' || !('roles' in route.access)) return 401;
    if (!route.access.roles.includes(c.role)) return 403;
    if (route.access.scope !== 'own' && !c.inScope) return 403;
    return 'allowed';
  }
  if (c.kind === 'resident') {
    if (authorizer !== 'resident' || !('residents' in route.access)) return 401;
    return route.access.residents.includes(c.purpose) ? 'allowed' : 403;
  }
  return 401;
}

let district: LocalDistrict;
const tokens = new Map<string, string | undefined>();

function scopeFor(role: StaffRole, inScope: boolean): string {
  switch (role) {
    case 'district_admin': return 'district';
    case 'street_staff': return inScope ? jinkou.streetId : otherStreet.id;
    case 'community_staff': return inScope ? jinkou.id : xizang.id;
    case 'committee': return inScope ? target.id : otherCompound.id;
    case 'department': return inScope ? 'dep01' : 'dep02';
    case 'dispatcher': return 'district';
  }
}

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  const admin = await district.auth.issue('admin');
  await withRegister(district, admin, target, rows.length);
  await announce(district, admin, target.id, 'm-ballot', { matters: [{ id: 'm1', kind: 'ordinary' }] });
  // Codes a committee may still issue and reissue: its ballot has not opened.
  await announce(district, admin, target.id, 'm-later', { matters: [{ id: 'm1', kind: 'ordinary' }], opensInMs: 6 * 3_600_000, wait: false });
  await issue(district, admin, target.id, { kind: 'ballot', id: 'm-later', title: 'm-later' });
  await call(district, 'PUT', compoundPath(routes.electionStart.path).replace('{electionId}', 'm-election'), { token: admin, body: { title: '矩阵测试选举' } });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  for (const c of CALLERS) {
    if (c.kind !== 'staff') continue;
    const scopeId = scopeFor(c.role, c.inScope);
    tokens.set(label(c), await district.auth.sign(district.auth.claimsOf({ sub: `m-${c.role}-${c.inScope}`, name: 'm', role: c.role, scopeId }), exp));
  }
  tokens.set('expired', await district.auth.sign(district.auth.claimsOf({ sub: 'admin', role: 'district_admin', scopeId: 'district' }), Math.floor(Date.now() / 1000) - 60));
  const good = tokens.get('district_admin in scope')!;
  const [h, p, s] = good.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  tokens.set('tampered', `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${s}`);
  await createCampaign(district, admin, 'm-close', [target.id]);
  // Cases for the appeal routes, each dispatched to the in-scope unit of one role.
  await call(district, 'PUT', routes.departmentPut.path.replace('{departmentId}', 'dep01'), { token: admin, body: { name: '矩阵测试局' } });
  // Pairings and rounds: an open round, one to close, one closed and published.
  await department(district, admin, 'dep02', '矩阵测试二局');
  expect((await call(district, 'PUT', routes.leaderPut.path.replace('{leaderId}', 'l-matrix'), { token: admin, body: { name: '矩阵领导', title: '区委常委' } })).status).toBe(200);
  await pair(district, admin, jinkou.id, ['dep01'], ['l-matrix']);
  await pair(district, admin, xizang.id, ['dep02']);
  await openRound(district, admin, 'm-round', { period: '2016-H1' });
  await openRound(district, admin, 'm-round-close', { period: '2016-H2' });
  await openRound(district, admin, 'm-round-closed', { period: '2015-H2' });
  const jinkouStaff = await district.auth.issue('jinkou');
  expect((await rate(district, jinkouStaff, 'm-round-closed', 'dep01')).status).toBe(201);
  await call(district, 'POST', routes.evaluationRoundClose.path.replace('{roundId}', 'm-round-closed'), { token: admin });
  expect((await call(district, 'POST', routes.evaluationPublish.path.replace('{roundId}', 'm-round-closed'), { token: admin, body: {} })).status).toBe(201);
  // Tasks each caller may mark: its department's, its street's; and a quarter frozen to read.
  const otherCommunity = d.communities.find((c) => c.streetId === otherStreet.id)!;
  for (const [key, communityId, assignee] of [
    ['district_admin:true', jinkou.id, { kind: 'department', id: 'dep01' }], ['department:true', jinkou.id, { kind: 'department', id: 'dep01' }], ['department:false', xizang.id, { kind: 'department', id: 'dep02' }],
    ['street_staff:true', jinkou.id, { kind: 'street', id: jinkou.streetId }], ['street_staff:false', otherCommunity.id, { kind: 'street', id: otherStreet.id }],
  ] as const) {
    const made = await call(district, 'POST', routes.assessmentTaskCreate.path, { token: admin, body: { quarter: '2019-Q1', communityId, text: '矩阵测试整改任务', assignee, dueOn: '2027-01-31' } });
    expect(made.status, made.text).toBe(201);
    matrixTasks[key] = made.json.id;
  }
  expect((await call(district, 'PUT', routes.selectionPut.path.replace('{year}', '2018'), { token: admin, body: selectionBody })).status).toBe(200);
  matrixNomination = (await call(district, 'POST', routes.selectionNominate.path.replace('{year}', '2018'), { token: admin, body: { kind: 'wish', communityId: jinkou.id, title: '矩阵测试微心愿', story: '矩阵测试微心愿的故事内容。', reason: '矩阵测试推荐理由' } })).json.id;
  matrixEscalation = (await call(district, 'POST', routes.liaisonEscalate.path.replace('{communityId}', jinkou.id), { token: admin, body: { leaderId: 'l-matrix', matter: '矩阵测试协调事项' } })).json.id;
  // An entry, so the quarter has something recorded to freeze.
  expect((await call(district, 'PUT', routes.assessmentEntryPut.path.replace('{quarter}', '2019-Q1').replace('{communityId}', jinkou.id), { token: admin, body: { rev: 0, values: { partycover: { value: 600, evidence: '矩阵测试台账' } } } })).status).toBe(200);
  expect((await call(district, 'POST', routes.assessmentFreeze.path.replace('{quarter}', '2019-Q1'), { token: admin, body: {} })).status).toBe(201);
  // Teams for both departments; a project and a call-out of each community (and a project in another street).
  for (const dep of ['dep01', 'dep02']) expect((await call(district, 'PUT', routes.teamPut.path.replace('{departmentId}', dep).replace('{teamId}', 't1'), { token: admin, body: { rev: 0, name: '矩阵测试突击队', members: [{ id: 'm1', name: '张三', phone: '13900000001' }] } })).status).toBe(200);
  for (const [whose, community] of [['in', jinkou], ['out', xizang], ['street-out', otherCommunity]] as const) {
    const staffToken = await district.auth.sign(district.auth.claimsOf({ sub: `m-setup-${community.id}`, name: 'm', role: 'community_staff', scopeId: community.id }), exp);
    const made = await call(district, 'POST', routes.projectPropose.path.replace('{communityId}', community.id), { token: staffToken, body: { title: '矩阵测试项目', description: '矩阵测试项目的说明文字。', compoundIds: [] } });
    expect(made.status, made.text).toBe(201);
    matrixProjects[whose] = `${community.id}|${made.json.id}`;
    if (whose === 'street-out') continue;
    const out = await call(district, 'POST', routes.calloutCreate.path, { token: staffToken, body: { departmentId: whose === 'in' ? 'dep01' : 'dep02', teamId: 't1', kind: 'task', task: '矩阵测试任务', place: '矩阵测试地点', at: soon(1) } });
    expect(out.status, out.text).toBe(201);
    matrixCallouts[whose] = `${community.id}|${out.json.id}`;
  }
  const hotline = await district.auth.issue('hotline');
  open311Key = (await call(district, 'POST', routes.open311KeyIssue.path, { token: admin, body: { name: '矩阵测试' } })).json.apiKey;
  for (const [key, unit] of [['community', { kind: 'community', id: jinkou.id }], ['street', { kind: 'street', id: jinkou.streetId }], ['department', { kind: 'department', id: 'dep01' }]] as const) {
    const { json } = await sendOrder(district, workOrder({ address: target.address }));
    await step(district, hotline, json.caseId, { kind: 'dispatch', unit });
    matrixCases[key] = json.caseId;
  }
  for (const purpose of ['rating', 'ballot'] as const) {
    const { letters } = await issue(district, admin, target.id, { kind: purpose, id: `m-${purpose}`, title: purpose });
    const res = await callFrom(district, '127.0.9.1', 'POST', '/api/auth/household', { code: letters[0]!.code });
    tokens.set(`resident (${purpose})`, res.json.token);
  }
  const resident = tokens.get('resident (rating)')!;
  const [rh, rp, rs] = resident.split('.');
  const rclaims = JSON.parse(Buffer.from(rp!, 'base64url').toString());
  tokens.set('tampered-resident', `${rh}.${Buffer.from(JSON.stringify({ ...rclaims, unit: '9-999' })).toString('base64url')}.${rs}`);
  const { residentSigningKeys } = await import(new URL('../../functions/auth/secrets.ts', import.meta.url).href);
  const keys = await residentSigningKeys();
  tokens.set('expired-resident', await new SignJWT({ ...rclaims, exp: undefined, iat: undefined }).setProtectedHeader({ alg: keys.alg, kid: keys.kid }).setIssuer(process.env.RESIDENT_ISSUER!).setAudience(RESIDENT_AUDIENCE).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(keys.privateKey));
});
afterAll(async () => district?.stop());

describe('authorization matrix', () => {
  it('has a fixture for every manifest route', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(routes).sort());
    for (const r of Object.values(routes) as RouteDef[]) {
      const forms = ['public' in r.access, 'roles' in r.access, 'residents' in r.access].filter(Boolean);
      expect(forms, `${r.method} ${r.path} declares exactly one access form`).toHaveLength(1);
    }
  });

  describe.each(Object.entries(routes) as [RouteName, RouteDef][])('%s', (name, route) => {
    it.each(CALLERS.map((c) => [label(c), c] as const))('%s', async (_l, caller) => {
      const fixture = FIXTURES[name](caller);
      const res = fixture.signed
        ? await sendOrder(district, { ...(fixture.body as object), orderNo: `M-${++made}-${Date.now().toString(36)}` })
        : fixture.from
          ? await callFrom(district, fixture.from, route.method, fixture.path, fixture.body, tokens.get(label(caller)))
          : fixture.form !== undefined
          ? await call(district, route.method, fixture.path, { token: tokens.get(label(caller)), rawBody: fixture.form, contentType: 'application/x-www-form-urlencoded' })
          : await call(district, route.method, fixture.path, { token: tokens.get(label(caller)), body: fixture.body });
      const want = expected(route, caller);
      const where = `${route.method} ${route.path} as ${label(caller)}: ${res.status} ${res.text.slice(0, 200)}`;
      if (want === 'allowed') {
        if (fixture.expect === 'ok') expect(res.status, where).toBeLessThan(300);
        else expect([401, 403].includes(res.status) || res.status >= 500, where).toBe(false);
        expect(res.status, where).toBeGreaterThanOrEqual(200);
      } else {
        expect(res.status, where).toBe(want);
      }
    });
  });
});
