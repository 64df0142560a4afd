// Staff words of the 三率 dashboard and the monthly reports.
import { words } from '../lib/i18n.svelte.ts';

export const rw = words({
  tab_work: '办理', tab_rates: '三率看板', tab_reports: '月度报告',
  live: '本月实时（{month}）', month: '月份', show: '查看', updated: '更新于 {at}', cases: '诉求件数', valid: '有效件数',
  response: '响应率', onTime: '按时办结率', resolution: '解决率', satisfaction: '满意率', composite: '综合得分',
  rateHelp: '响应率＝按时联系诉求人的件数÷有效件数；按时办结率＝按时答复的件数÷已答复或已超时的件数；解决率＝回访已解决÷已回访；满意率＝（满意＋0.9×基本满意）÷已回访。',
  weights: '综合得分权重：响应率 {r}、按时办结率 {o}、解决率 {s}、满意率 {f}。这是山东各地 12345 考核的常见做法，并非法定标准，由本区配置。',
  stages: '办理阶段', stage_waiting: '待派单', stage_handling: '办理中', stage_replied: '待回访', stage_done: '已回访/结案', stage_excluded: '无效/合并',
  yellow: '黄牌', red: '红牌', kind_street: '街道', kind_community: '社区', kind_department: '部门', byStreet: '按所在街道（诉求发生地）', byCategory: '按分类',
  rank: '排名', unit: '单位', noCases: '这个月还没有诉求。', rankNote: '排名只在同类单位之间比较（街道、社区、部门分开排）。没有有效件数的单位不排名。',
  trend: '月度趋势（已固定的报告）', trendOf: '指标', trendUnit: '单位', wholeDistrict: '全区', noTrend: '还没有固定的月度报告。', trendTable: '趋势数据表',
  period: '报告期', periodMonth: '月', periodQuarter: '季度', periodHalf: '半年', year: '年份', quarter: '季度', half: '半年', first: '上半年', second: '下半年',
  version: '版本', versionN: '第 {n} 版', latest: '（最新）', publishedAt: '固定时间', reason: '更正原因', changes: '本版与上一版的变化', noReport: '该期还没有固定的报告。',
  monthsIn: '本期由各月最新版本相加：{list}', missing: '未固定', freeze: '固定本月报告', correct: '重新计算并发布更正', freezeHelp: '报告按当时已存储的诉求计算并固定，之后不再变化；如需更正，须写明原因，生成新版本，旧版本保留可查。',
  freezeConfirm: '固定 {month} 的报告？固定后各单位的数字和排名将按此版本通报。', correctConfirm: '发布 {month} 报告的更正（第 {n} 版）？原因：{reason}', reasonRequired: '更正须写明原因（2–500 字）',
  frozen: '已固定第 {n} 版', csv: '导出 CSV', print: '打印（A4）', district: '全区', unassigned: '未派单 {n} 件（计入全区，不计入单位）', excluded: '无效或合并 {n} 件（不计入考核）',
  reportTitle: '{period} 12345 诉求办理“三率”通报', issuer: '市南区 12345 热线办理中心', working: '正在计算…', field: '项目', from: '原值', to: '新值',
  notOver: '本月尚未结束，月末后才能固定报告。', partial: '注意：本期有月份尚未固定，合计只含已固定的月份。', reasonNote: '更正原因随报告在内部通报，不对外公开；请勿写入来电人的姓名或电话。',
  f_rank: '排名', f_responded: '按时联系', f_responseBase: '应联系', f_onTime: '按时办结', f_onTimeBase: '应办结', f_followedUp: '已回访', f_solved: '已解决', f_satisfied: '满意', f_basic: '基本满意', f_valid: '有效件数', f_cases: '诉求件数', f_compositePermille: '综合得分',
}, {
  tab_work: 'Cases', tab_rates: 'Rates dashboard', tab_reports: 'Monthly reports',
  live: 'This month, live ({month})', month: 'Month', show: 'Show', updated: 'Updated {at}', cases: 'Cases', valid: 'Valid',
  response: 'Response', onTime: 'On time', resolution: 'Resolution', satisfaction: 'Satisfaction', composite: 'Composite',
  rateHelp: 'Response = callers contacted within the limit ÷ valid cases; on time = replied by the deadline ÷ replied or overdue; resolution = solved at follow-up ÷ followed up; satisfaction = (satisfied + 0.9 × fairly satisfied) ÷ followed up.',
  weights: 'Composite weights: response {r}, on time {o}, resolution {s}, satisfaction {f}. Common practice in Shandong’s 12345 assessments, not statute; set by the district.',
  stages: 'Stages', stage_waiting: 'To dispatch', stage_handling: 'Being handled', stage_replied: 'To follow up', stage_done: 'Followed up / closed', stage_excluded: 'Invalid / merged',
  yellow: 'Yellow', red: 'Red', kind_street: 'Streets', kind_community: 'Communities', kind_department: 'Departments', byStreet: 'By street (where the case was)', byCategory: 'By category',
  rank: 'Rank', unit: 'Unit', noCases: 'No cases this month yet.', rankNote: 'Units are ranked only against their own kind (streets, communities, departments apart). A unit without valid cases is not ranked.',
  trend: 'Trend over months (frozen reports)', trendOf: 'Figure', trendUnit: 'Unit', wholeDistrict: 'Whole district', noTrend: 'No month has been frozen yet.', trendTable: 'Trend data',
  period: 'Period', periodMonth: 'Month', periodQuarter: 'Quarter', periodHalf: 'Half-year', year: 'Year', quarter: 'Quarter', half: 'Half', first: 'First half', second: 'Second half',
  version: 'Version', versionN: 'Version {n}', latest: ' (latest)', publishedAt: 'Frozen at', reason: 'Reason for the correction', changes: 'What changed from the previous version', noReport: 'No report is frozen for this period yet.',
  monthsIn: 'Summed from the latest version of each month: {list}', missing: 'not frozen', freeze: 'Freeze this month’s report', correct: 'Recount and publish a correction', freezeHelp: 'The report is computed from the cases stored now and frozen; it never changes. A correction needs a reason and becomes a new version; earlier versions stay readable.',
  freezeConfirm: 'Freeze the report of {month}? Units’ figures and ranks will be circulated as in this version.', correctConfirm: 'Publish a correction of {month} (version {n})? Reason: {reason}', reasonRequired: 'A correction must say why (2–500 characters)',
  frozen: 'Version {n} frozen', csv: 'Export CSV', print: 'Print (A4)', district: 'District', unassigned: '{n} not dispatched (in the district’s figures, no unit’s)', excluded: '{n} invalid or merged (not assessed)',
  reportTitle: 'Appeals handling rates, {period}', issuer: 'Shinan District 12345 hotline centre', working: 'Computing…', field: 'Figure', from: 'Was', to: 'Now',
  notOver: 'This month is not over yet; its report can be frozen after it ends.', partial: 'Note: some months of this period are not frozen; the totals hold only the frozen ones.', reasonNote: 'The reason is circulated with the report inside the district, never published; do not write a caller’s name or number.',
  f_rank: 'Rank', f_responded: 'Contacted in time', f_responseBase: 'To contact', f_onTime: 'Replied on time', f_onTimeBase: 'To reply', f_followedUp: 'Followed up', f_solved: 'Solved', f_satisfied: 'Satisfied', f_basic: 'Fairly satisfied', f_valid: 'Valid', f_cases: 'Cases', f_compositePermille: 'Composite',
});

/** The rates a table or chart shows, in order, and the word of each. */
export const RATES = ['compositePermille', 'responsePermille', 'onTimePermille', 'resolutionPermille', 'satisfactionPermille'] as const;
export const RATE_WORD = { compositePermille: 'composite', responsePermille: 'response', onTimePermille: 'onTime', resolutionPermille: 'resolution', satisfactionPermille: 'satisfaction' } as const;
