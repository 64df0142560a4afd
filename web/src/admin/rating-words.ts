// Staff words of the ratings capability.
import { words } from '../lib/i18n.svelte.ts';

export const rw = words({
  campaigns: '物业服务评价活动', newCampaign: '新建评价活动', id: '活动编号', title: '活动名称', period: '评价周期', issuer: '发布单位', template: '问卷模板',
  opensAt: '开始时间', closesAt: '截止时间', compoundsPick: '参评小区', all: '全选', create: '创建活动', creating: '正在创建…', created: '已创建',
  state_scheduled: '未开始', state_open: '进行中', state_closed: '已截止', inScope: '本辖区小区', published: '已公示',
  close: '立即截止', closeConfirm: '确认立即截止？截止后住户不能再提交。', respondents: '参评户数', households: '总户数', participation: '参评率', satisfaction: '满意率', performance: '履约率',
  live: '实时汇总（仅供工作参考，公示以发布时的记录为准）', review: '审核', publish: '发布公告', publishCorrection: '发布更正', reason: '更正原因（必填）', publishing: '正在发布…',
  preview: '按当前记录计算的公示结果（预览）', submissions: '提交记录', unit: '户', at: '提交时间', overall: '总体', suggestion: '意见（已隐去电话）', excluded: '已剔除',
  exclude: '剔除', reinstate: '恢复', excludeReason: '剔除原因', excludeHelp: '剔除须写明原因，记入操作记录；公示按剔除后的记录计算。', versions: '已发布版本', viewPublic: '查看公告',
  notClosedYet: '评价截止后才能发布公告。', publishAll: '发布全部未发布小区的公告', noCampaigns: '暂无评价活动。', back: '返回活动列表', open: '打开', updated: '更新于',
}, {
  campaigns: 'Property-service rating campaigns', newCampaign: 'New campaign', id: 'Campaign id', title: 'Title', period: 'Period', issuer: 'Issued by', template: 'Questionnaire template',
  opensAt: 'Opens', closesAt: 'Closes', compoundsPick: 'Compounds', all: 'All', create: 'Create campaign', creating: 'Creating…', created: 'Created',
  state_scheduled: 'Scheduled', state_open: 'Open', state_closed: 'Closed', inScope: 'compounds in your scope', published: 'published',
  close: 'Close now', closeConfirm: 'Close the campaign now? Households can no longer submit.', respondents: 'Respondents', households: 'Households', participation: 'Participation', satisfaction: 'Satisfaction', performance: 'Performance',
  live: 'Live figures (for work only; notices are computed from the records when published)', review: 'Review', publish: 'Publish notices', publishCorrection: 'Publish correction', reason: 'Reason for the correction (required)', publishing: 'Publishing…',
  preview: 'What would be published from the records now (preview)', submissions: 'Submissions', unit: 'Unit', at: 'Submitted', overall: 'Overall', suggestion: 'Suggestion (phones masked)', excluded: 'Excluded',
  exclude: 'Exclude', reinstate: 'Reinstate', excludeReason: 'Reason', excludeHelp: 'Exclusions need a reason and are audited; notices count the records without them.', versions: 'Published versions', viewPublic: 'View notice',
  notClosedYet: 'Notices can be published once the campaign has closed.', publishAll: 'Publish every compound not yet published', noCampaigns: 'No campaigns yet.', back: 'Back to campaigns', open: 'Open', updated: 'Updated',
});
