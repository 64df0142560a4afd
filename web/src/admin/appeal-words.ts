// Staff words of the appeals capability (hotline centre, handling units).
import { words } from '../lib/i18n.svelte.ts';

export const aw = words({
  appeals: '诉求办理', appealsNav: '诉求', queue_dispatch: '待派单', queue_extension: '延期待批', queue_follow_up: '待回访', workList: '本单位待办（按剩余时间）',
  empty: '没有待办的诉求。', findCase: '按诉求编号打开', caseNo: '诉求编号', openCase: '打开', back: '返回列表', refresh: '刷新',
  received: '受理时间', due: '办结时限', left: '剩余 {t}', overdue: '已超时 {t}', suggestion: '建议派往', byRule: '按派单规则', required: '平台指定', noSuggestion: '无匹配规则，请选择承办单位',
  card_none: '正常', card_yellow: '黄牌（时限过 80%）', card_red: '红牌（已超时）', urgent: '紧急', enterprise: '企业诉求（2115）', reworks: '重办 {n} 次', supervised: '督办', escalated: '顶格协调',
  type_consult: '咨询', type_help: '求助', type_complaint: '投诉', type_report: '举报', type_suggestion: '建议',
  state_received: '待派单', state_dispatched: '已派单待签收', state_accepted: '已签收', state_in_progress: '办理中', state_replied: '已答复待回访', state_followed_up: '已回访', state_closed: '已结案', state_returned: '已退回待改派', state_invalid: '无效', state_merged: '已合并',
  photos: '照片', photoN: '第 {n} 张照片', content: '诉求内容', address: '地址', place: '小区', callerPhone: '来电号码', category: '分类', type: '类型', unit: '承办单位', orderNo: '12345 工单编号', timeline: '办理过程', extension: '延期申请 {days} 个工作日：{reason}',
  unknownYears: '注意：{years} 年的法定节假日安排尚未录入，时限暂按周末计算，请管理员补充。',
  duplicates: '可能重复的诉求（同一小区、同类，3 日内）', mergeInto: '合并到此件',
  step_received: '受理', step_revised: '平台更新工单', step_dispatch: '派单', step_accept: '签收', step_return: '退回', step_contact: '联系诉求人', step_ask_extension: '申请延期', step_decide_extension: '延期审批',
  step_reply: '办结答复', step_follow_up: '回访', step_close: '结案', step_supervise: '督办', step_invalidate: '认定无效', step_merge: '合并', step_card: '时限提醒',
  by_platform: '12345 平台', by_system: '系统', by_resident: '诉求人',
  do_dispatch: '派单', do_accept: '签收', do_return: '退回（不属本单位职责）', do_contact: '记录已联系诉求人', do_ask_extension: '申请延期', do_decide_extension: '审批延期', do_reply: '办结答复', do_follow_up: '记录回访', do_close: '结案', do_supervise: '督办', do_invalidate: '认定无效', do_merge: '合并到另一件诉求',
  reason: '原因', note: '备注', reply: '答复内容（将告知诉求人）', days: '延期工作日数（1–10）', approve: '同意延期', refuse: '不同意', solved: '问题已解决', notSolved: '问题未解决（退回重办）',
  satisfaction: '诉求人评价', satisfied: '满意', basic: '基本满意', dissatisfied: '不满意', escalate: '提请包联区领导顶格协调', into: '合并到的诉求编号', submit: '提交', cancel: '取消', working: '正在提交…',
  confirmReturn: '退回后由热线中心改派；改派后不能再次退回。确定退回？', confirmInvalidate: '认定无效后本件不计入考核，且不能再办理。确定？', confirmMerge: '合并后本件并入诉求 {into}，不再单独办理。确定？',
  returnRule: '须在派单后 2 个工作日内退回，并写明原因。', extensionRule: '延期累计不超过 10 个工作日，须热线中心同意。',
  done: '已提交', card: '时限', ratesNote: '三率权重为常见做法，并非法定标准。',
  confirmClose: '结案后不能再办理。确定结案？', confirmDesignate: '这件诉求曾被退回。改派后该单位不能再退回。确定派单？', confirmRework: '诉求人不满意或问题未解决：本件将退回承办单位重办，并计入重办次数。确定？', confirmRefuseExtension: '不同意延期后，承办单位须在原时限内办结。确定？',
  reloaded: '这件诉求刚刚有了变化，已重新载入。请核对后再提交（已填写的内容保留）。', daysN: '{n} 个工作日', mergedInto: '并入诉求 {id}', mergedFrom: '诉求 {id} 并入本件', step_merged_in: '其他诉求并入', superviseNote: '督办意见（必填）',
  report: '小区要情报送', reportHelp: '报给街道的事项直接派给街道办理；直报区级的事项由区12345热线中心会同包联区领导协调。', to: '报送给', toStreet: '街道（小区要情直通街道）', toDistrict: '区级（社区工作直报区级）', reportContent: '事项内容（至少 10 个字）', sendReport: '报送', reported: '已报送，诉求编号 {id}',
}, {
  appeals: 'Appeals', appealsNav: 'Appeals', queue_dispatch: 'To dispatch', queue_extension: 'Extensions asked', queue_follow_up: 'To follow up', workList: 'My unit’s cases (by time left)',
  empty: 'No cases waiting.', findCase: 'Open a case by number', caseNo: 'Case number', openCase: 'Open', back: 'Back to the list', refresh: 'Refresh',
  received: 'Received', due: 'Due', left: '{t} left', overdue: 'Overdue by {t}', suggestion: 'Suggested unit', byRule: 'by the routing table', required: 'named by the platform', noSuggestion: 'No rule matches: choose a unit',
  card_none: 'On time', card_yellow: 'Yellow card (80% of the time used)', card_red: 'Red card (overdue)', urgent: 'Urgent', enterprise: 'Enterprise (2115)', reworks: 'Reworked {n}×', supervised: 'Supervised', escalated: 'Escalated to the district leader',
  type_consult: 'Enquiry', type_help: 'Help', type_complaint: 'Complaint', type_report: 'Report', type_suggestion: 'Suggestion',
  state_received: 'To dispatch', state_dispatched: 'Dispatched', state_accepted: 'Accepted', state_in_progress: 'In progress', state_replied: 'Replied, to follow up', state_followed_up: 'Followed up', state_closed: 'Closed', state_returned: 'Returned, to re-dispatch', state_invalid: 'Invalid', state_merged: 'Merged',
  photos: 'Photos', photoN: 'Photo {n}', content: 'Appeal', address: 'Address', place: 'Compound', callerPhone: 'Caller', category: 'Category', type: 'Type', unit: 'Unit in charge', orderNo: '12345 order number', timeline: 'Timeline', extension: 'Extension of {days} working days asked: {reason}',
  unknownYears: 'Note: the official holidays of {years} are not loaded yet; the deadline counts weekends only. Ask the administrator to add them.',
  duplicates: 'Possible duplicates (same compound and category, within 3 days)', mergeInto: 'Merge into this one',
  step_received: 'Received', step_revised: 'Order updated by the platform', step_dispatch: 'Dispatched', step_accept: 'Accepted', step_return: 'Returned', step_contact: 'Caller contacted', step_ask_extension: 'Extension asked', step_decide_extension: 'Extension decided',
  step_reply: 'Replied', step_follow_up: 'Followed up', step_close: 'Closed', step_supervise: 'Supervised', step_invalidate: 'Marked invalid', step_merge: 'Merged', step_card: 'Time warning',
  by_platform: '12345 platform', by_system: 'System', by_resident: 'Caller',
  do_dispatch: 'Dispatch', do_accept: 'Accept', do_return: 'Return (not our duty)', do_contact: 'Record contact with the caller', do_ask_extension: 'Ask for more time', do_decide_extension: 'Decide the extension', do_reply: 'Reply', do_follow_up: 'Record the follow-up', do_close: 'Close', do_supervise: 'Supervise', do_invalidate: 'Mark invalid', do_merge: 'Merge into another case',
  reason: 'Reason', note: 'Note', reply: 'Reply (told to the caller)', days: 'Working days (1–10)', approve: 'Approve', refuse: 'Refuse', solved: 'Solved', notSolved: 'Not solved (back for rework)',
  satisfaction: 'Caller’s rating', satisfied: 'Satisfied', basic: 'Mostly satisfied', dissatisfied: 'Dissatisfied', escalate: 'Escalate to the paired district leader', into: 'Case number to merge into', submit: 'Submit', cancel: 'Cancel', working: 'Submitting…',
  confirmReturn: 'The centre will dispatch it again; after that it cannot be returned. Return it?', confirmInvalidate: 'An invalid case counts in no rate and cannot be handled further. Mark it invalid?', confirmMerge: 'This case joins case {into} and is no longer handled on its own. Merge?',
  returnRule: 'Return within 2 working days of dispatch, with a reason.', extensionRule: 'At most 10 working days in all, approved by the hotline centre.',
  done: 'Submitted', card: 'Time', ratesNote: 'The weights of the rates are common practice, not statute.',
  confirmClose: 'A closed case cannot be handled further. Close it?', confirmDesignate: 'This case was returned once. The unit you choose now cannot return it again. Dispatch?', confirmRework: 'The caller is not satisfied or the matter is not solved: the case goes back to the unit for rework, counted. Go on?', confirmRefuseExtension: 'Without the extension the unit must finish within the present deadline. Refuse?',
  reloaded: 'The case changed meanwhile and was loaded again. Check it and submit again (what you typed is kept).', daysN: '{n} working days', mergedInto: 'merged into case {id}', mergedFrom: 'case {id} merged into this one', step_merged_in: 'Another case merged in', superviseNote: 'Supervision instructions (required)',
  report: 'Report a matter of this compound', reportHelp: 'A report to the street is given to the street at once; one to the district goes to the hotline centre, which routes it with the paired district leader.', to: 'Report to', toStreet: 'The street', toDistrict: 'The district', reportContent: 'The matter (at least 10 characters)', sendReport: 'Report', reported: 'Reported as case {id}',
});

/** "3 天 4 小时" / "3 d 4 h" from milliseconds. */
export function span(ms: number, lang: 'zh' | 'en'): string {
  const h = Math.floor(Math.abs(ms) / 3_600_000);
  const d = Math.floor(h / 24);
  const m = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  if (lang === 'zh') return d > 0 ? `${d} 天 ${h % 24} 小时` : h > 0 ? `${h} 小时 ${m} 分` : `${m} 分钟`;
  return d > 0 ? `${d} d ${h % 24} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}
