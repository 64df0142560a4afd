// Words of the two notices, shared by the public page and the staff review.
import { words } from './i18n.svelte.ts';

export const nw = words({
  contractNotice: '合同履约公告', qualityNotice: '服务质量评价公告', item: '服务事项', done: '已履行', partial: '部分履行', not: '未履行', unknown: '不清楚（人次）',
  performance: '合同履约率', performanceHelp: '履约率 =（已履行 + {w}% × 部分履行）÷（已履行 + 部分履行 + 未履行），“不清楚”不计入。',
  dimension: '评价项目', mean: '平均分（5 分制）', distribution: '1—5 分人数', satisfaction: '满意率', satisfactionHelp: '满意率 =（满意 + 基本满意）÷ 参评户数',
  satisfied: '满意', basic: '基本满意', unsatisfied: '不满意', respondents: '参评户数', households: '总户数', participation: '参评率',
  belowFloor: '参评率低于 {p}%，结果仅供参考', noItems: '物业服务合同未登记服务事项。', answered: '作答人次',
}, {
  contractNotice: 'Contract performance notice', qualityNotice: 'Service quality notice', item: 'Service item', done: 'Delivered', partial: 'Partly', not: 'Not delivered', unknown: 'Don\'t know (answers)',
  performance: 'Performance rate', performanceHelp: 'Rate = (delivered + {w}% × partly) ÷ (delivered + partly + not delivered); "don\'t know" is left out.',
  dimension: 'Dimension', mean: 'Mean (of 5)', distribution: 'Answers scoring 1–5', satisfaction: 'Satisfaction', satisfactionHelp: 'Satisfaction = (satisfied + mostly satisfied) ÷ respondents',
  satisfied: 'Satisfied', basic: 'Mostly satisfied', unsatisfied: 'Dissatisfied', respondents: 'Respondents', households: 'Households', participation: 'Participation',
  belowFloor: 'Participation below {p}%: read with care', noItems: 'No contract items are registered.', answered: 'Answers',
});
