// The words of the quarterly assessment of communities, zh-CN first.
import { words } from '../lib/i18n.svelte.ts';

export const asw = words({
  tab_quarter: '分类考核', tab_review: '交叉互评', tab_classes: '社区分类', tab_tasks: '整改任务', tab_community: '社区画像',
  quarter: '季度', year: '年份', chooseClass: '分类', allClasses: '全部分类', version: '版本', versionN: '第 {n} 版', latest: '（最新）',
  notFrozen: '本季度的考核结果还没有固定。', preview: '按当前记录计算（尚未固定）', frozenAt: '固定时间', tableTitle: '{quarter} {cls}类社区考核结果',
  rank: '名次', community: '社区', total: '总分', crossReview: '互评', target: '目标', value: '数值', points: '得分', met: '达标', notMet: '未达标', noData: '无数据',
  chart: '{cls}类社区总分', print: '打印（A4）', csv: '下载 CSV', changesSince: '与 {q} 相比：{n} 个社区的总分或名次有变化', inputs: '计入：诉求 {cases} 件、评价公告 {notices} 份、填报 {entries} 份、互评 {reviews} 份',
  freeze: '固定本季度结果', correct: '发布更正（新版本）', freezeHelp: '季度结束后，按系统记录、填报和互评计算并固定；固定后的结果不再变化，只能以新版本更正。', notOver: '本季度还没有结束，结束后才能固定。',
  confirmFreeze: '固定 {q} 的考核结果？固定后不再随记录变化。', confirmCorrect: '发布 {q} 第 {n} 版更正？原因：{reason}', reason: '更正原因', reasonRequired: '请写明更正原因（4–500 个字）', frozen: '已固定第 {n} 版', correctionOf: '更正说明：{reason}',
  entries: '填报指标（需附依据）', entryFor: '为“{name}”填报', evidence: '依据', saveEntries: '保存填报', savedEntries: '已保存', confirmClear: '删除{community}在 {q} 已填报的：{names}？删除后这些指标算作未填报，不计入总分。', savedFrozen: '已保存；发布更正后才计入本季度结果', reasonFrozen: '季度已固定：请写明更正原因（4–300 个字）', bothBoxes: '请填写整数（要删除这项填报，请清空数值和依据两栏）', correctionReason: '更正原因（季度已固定时必填）', entryHelp: '比率按千分数填写（如 80% 填 800）。清空一项的两栏并保存，即删除该项的填报。',
  confirmClass: '把“{name}”{year} 年的分类从{from}调整为{to}？已固定的季度保持固定时的分类；之后固定或更正的季度按新分类比较。',
  classesTitle: '{year} 年社区分类', changeClass: '调整分类', classReason: '调整原因（如精准画像结论）', saveClass: '保存分类', classSaved: '已调整', classChangedAt: '{at} 调整：{reason}', fromRegistry: '沿用辖区登记的分类',
  reviewTitle: '{quarter} 交叉互评', reviewHelp: '请为同类的其他社区打分（0–100）。每季度提交一次，提交后不能修改；最高分和最低分会被去掉。', reviewClass: '本社区分类：{cls}', score: '分数', submitReview: '提交互评', confirmReview: '提交 {n} 个社区的互评分数？提交后不能修改。', reviewDone: '本社区已于 {at} 提交互评。', reviewFrozen: '本季度已固定，互评已结束。', scoreRange: '请填 0 到 100 的整数', scoreSome: '请至少为一个社区打分',
  tasksTitle: '整改任务', noTasks: '没有整改任务。', newTask: '派发整改任务', taskText: '问题和要求', assigneeKind: '承办', kind_leader: '包联领导', kind_department: '结对部门', kind_street: '街道', assignee: '承办人', dueOn: '完成期限', createTask: '派发', taskCreated: '已派发',
  state_open: '未完成', state_done: '已完成', markDone: '标记完成', reopen: '重新打开', notePrompt: '请写明办理情况（至少 2 个字）', indicator: '指标', due: '期限 {d}',
  profileTitle: '{name} 画像', classHistory: '分类', quartersTitle: '各季度指标', pairedDepartments: '结对部门', pairedLeaders: '包联领导', noQuarters: '还没有固定的季度结果。', chooseCommunity: '选择社区',
}, {
  tab_quarter: 'Quarterly assessment', tab_review: 'Cross review', tab_classes: 'Classes', tab_tasks: 'Tasks', tab_community: 'Community profile',
  quarter: 'Quarter', year: 'Year', chooseClass: 'Class', allClasses: 'All classes', version: 'Version', versionN: 'Version {n}', latest: ' (latest)',
  notFrozen: 'This quarter is not frozen yet.', preview: 'Computed from the records now (not frozen)', frozenAt: 'Frozen', tableTitle: '{quarter}: {cls} communities',
  rank: 'Rank', community: 'Community', total: 'Total', crossReview: 'Cross review', target: 'Target', value: 'Value', points: 'Points', met: 'met', notMet: 'not met', noData: 'no data',
  chart: '{cls}: totals', print: 'Print (A4)', csv: 'Download CSV', changesSince: 'Since {q}: {n} communities changed total or rank', inputs: 'Counted: {cases} cases, {notices} rating notices, {entries} entries, {reviews} cross reviews',
  freeze: 'Freeze this quarter', correct: 'Publish a correction (next version)', freezeHelp: 'After the quarter ends, computed from the records, the entries and the cross reviews, and frozen; a frozen result only changes by a new version.', notOver: 'The quarter is not over; it can be frozen afterwards.',
  confirmFreeze: 'Freeze the results of {q}? They no longer follow the records.', confirmCorrect: 'Publish version {n} of {q} as a correction? Reason: {reason}', reason: 'Reason for the correction', reasonRequired: 'Say why (4 to 500 characters)', frozen: 'Version {n} frozen', correctionOf: 'Correction: {reason}',
  entries: 'Entered indicators (with evidence)', entryFor: 'Entries for {name}', evidence: 'Evidence', saveEntries: 'Save entries', savedEntries: 'Saved', confirmClear: 'Delete what was entered for {community} in {q}: {names}? These indicators then count as not entered and leave the total.', savedFrozen: 'Saved; it counts once a correction is published', reasonFrozen: 'The quarter is frozen: say why (4 to 300 characters)', bothBoxes: 'A whole number (to delete this entry, empty both the value and the evidence)', correctionReason: 'Reason for the correction (required once frozen)', entryHelp: 'Rates in permille (80% is 800). Empty both boxes of an indicator and save to clear its entry.',
  confirmClass: 'Move {name} from {from} to {to} for {year}? Quarters already frozen keep the classes they were frozen with; quarters frozen from now on compare it in its new class.',
  classesTitle: 'Community classes in {year}', changeClass: 'Change class', classReason: 'Reason (e.g. the profiling\'s finding)', saveClass: 'Save class', classSaved: 'Changed', classChangedAt: 'Changed {at}: {reason}', fromRegistry: 'As registered',
  reviewTitle: 'Cross review, {quarter}', reviewHelp: 'Score the other communities of your class (0–100). Sent once a quarter and final; the highest and lowest scores are dropped.', reviewClass: 'Your class: {cls}', score: 'Score', submitReview: 'Send cross review', confirmReview: 'Send scores for {n} communities? They cannot be changed.', reviewDone: 'Your community sent its cross review on {at}.', reviewFrozen: 'The quarter is frozen; cross review is over.', scoreRange: 'A whole number from 0 to 100', scoreSome: 'Score at least one community',
  tasksTitle: 'Tasks', noTasks: 'No tasks.', newTask: 'Give a task', taskText: 'Problem and what is asked', assigneeKind: 'Given to', kind_leader: 'Liaison leader', kind_department: 'Paired department', kind_street: 'Street', assignee: 'Assignee', dueOn: 'Due on', createTask: 'Give task', taskCreated: 'Given',
  state_open: 'Open', state_done: 'Done', markDone: 'Mark done', reopen: 'Reopen', notePrompt: 'What was done (at least 2 characters)?', indicator: 'Indicator', due: 'due {d}',
  profileTitle: '{name}: profile', classHistory: 'Class', quartersTitle: 'Indicators by quarter', pairedDepartments: 'Paired departments', pairedLeaders: 'Liaison leaders', noQuarters: 'No frozen quarter yet.', chooseCommunity: 'Community',
});
