// The rating form's words (zh-CN first).
import { words } from '../lib/i18n.svelte.ts';

export const w = words({
  start: '开始评价', step: '第 {n} 步，共 {of} 步', next: '下一步', prev: '上一步', submit: '提交评价', submitting: '正在提交…',
  contractTitle: '合同履约情况', contractHelp: '物业服务合同约定的以下事项，您觉得履行得怎么样？',
  done: '已履行', partial: '部分履行', not: '未履行', unknown: '不清楚',
  qualityTitle: '服务质量评价', qualityHelp: '请为每一项打分：1 分最差，5 分最好。',
  s1: '1 很差', s2: '2 较差', s3: '3 一般', s4: '4 较好', s5: '5 很好',
  overallTitle: '总体满意度', satisfied: '满意', basic: '基本满意', unsatisfied: '不满意',
  suggestion: '意见和建议（选填）', suggestionHelp: '最多 {n} 字。仅供社区和街道改进工作，不会原文公开。请不要填写姓名和电话。',
  review: '确认并提交', reviewHelp: '提交后不能修改。每户只能提交一次。',
  answerAll: '还有未回答的题目：{list}', noItems: '本小区物业服务合同未登记服务事项，此部分跳过。',
  retrying: '网络不稳定，正在重试（第 {n} 次）…', offline: '网络中断，已保存您的填写。恢复网络后请再点“提交评价”。',
  thanks: '提交成功，感谢您的评价！', receipt: '回执编号', submittedAt: '提交时间', keepReceipt: '请截图保存回执。',
  already: '本户已于 {at} 提交过评价，每户只能提交一次。', closed: '本次评价已于 {at} 截止。', notOpen: '本次评价尚未开始。',
  expired: '登录已过期。您的填写已保存在本机，请联系社区补发入户码后继续。', changed: '问卷已更新，请刷新页面后重新填写。', draftSaved: '已自动保存在本机',
  company: '物业服务企业', until: '截止时间', intro: '评价您所在小区的物业服务，大约需要 2 分钟。结果将按小区汇总公示，不公开您的个人信息。',
}, {
  start: 'Start', step: 'Step {n} of {of}', next: 'Next', prev: 'Back', submit: 'Submit rating', submitting: 'Submitting…',
  contractTitle: 'Contract performance', contractHelp: 'How well does the company deliver what its contract promises?',
  done: 'Delivered', partial: 'Partly', not: 'Not delivered', unknown: 'Don\'t know',
  qualityTitle: 'Service quality', qualityHelp: 'Score each: 1 is worst, 5 is best.',
  s1: '1 Very poor', s2: '2 Poor', s3: '3 Fair', s4: '4 Good', s5: '5 Very good',
  overallTitle: 'Overall satisfaction', satisfied: 'Satisfied', basic: 'Mostly satisfied', unsatisfied: 'Dissatisfied',
  suggestion: 'Suggestions (optional)', suggestionHelp: 'Up to {n} characters. Read by the community and street offices only; never published as written. Please leave out names and phone numbers.',
  review: 'Check and submit', reviewHelp: 'A rating cannot be changed once submitted. One rating per household.',
  answerAll: 'Still unanswered: {list}', noItems: 'No contract items are registered for this compound; this part is skipped.',
  retrying: 'Weak network, retrying (attempt {n})…', offline: 'The network dropped. Your answers are saved; tap Submit again when you are back online.',
  thanks: 'Submitted. Thank you!', receipt: 'Receipt', submittedAt: 'Submitted at', keepReceipt: 'Keep a screenshot of this receipt.',
  already: 'This household already rated at {at}. One rating per household.', closed: 'This rating closed at {at}.', notOpen: 'This rating has not opened yet.',
  expired: 'Your sign-in expired. Your answers are saved on this phone; ask your community office for a new code to continue.', changed: 'The questions changed; reload the page and answer again.', draftSaved: 'Saved on this phone',
  company: 'Property company', until: 'Closes', intro: 'Rate the property service of your compound; about two minutes. Results are published per compound, never with your details.',
});
