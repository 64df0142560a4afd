// The words of joint projects and red shock teams, zh-CN first.
import { words } from '../lib/i18n.svelte.ts';

export const pw = words({
  tab_projects: '共建项目', tab_teams: '红色突击队', projects: '共建项目', noProjects: '没有共建项目。', filter: '状态', all: '全部',
  state_proposed: '待领题', state_claimed: '已领题', state_in_progress: '推进中', state_done: '已完成', state_dropped: '已终止',
  propose: '社区出题', title: '项目名称', description: '需求说明', compounds: '涉及小区', submitProposal: '发布需求', proposed: '已发布', open: '查看', back: '返回项目列表',
  department: '领题部门', none: '暂无', claim: '领题', confirmClaim: '由本部门领题“{title}”？', goals: '目标', milestones: '节点', milestoneN: '节点 {n}', milestoneTitle: '节点名称', dueOn: '计划完成', addMilestone: '增加节点', removeMilestone: '删除节点 {n}',
  savePlan: '保存计划', planHelp: '每行一个节点：节点名称,计划完成日期（如 方案公示,2027-01-31）', plan: '计划', evidence: '完成情况', doneOn: '完成日期', saveEvidence: '记录完成情况', confirmEvidence: '记录“{title}”的完成情况（{n} 张照片）？记录后不能修改。', evidencePhotos: '“{title}”的照片', noEvidence: '未记录',
  markDone: '项目完成', notAllEvidenced: '每个节点都记录完成情况后，项目才能完成', confirmDone: '确认“{title}”已完成？完成后不能再修改。', drop: '终止项目', dropReason: '终止原因', confirmDrop: '终止“{title}”？原因：{reason}', reasonRequired: '请写明原因（4–500 个字）', planLines: '请按“节点名称,日期”每行填写一个节点',
  teams: '红色突击队', noTeams: '没有可调用的突击队。', members: '队员', roster: '编辑名单', teamId: '队伍编号（如 t1）', teamName: '队伍名称', membersHelp: '每行一名队员：编号,姓名,手机,职务（编号为小写字母和数字）', saveRoster: '保存名单', saved: '已保存', newTeam: '新建队伍',
  callOut: '调用突击队', attendanceLater: '调用时间到了以后再登记到场情况。', chooseTeam: '请选择要调用的突击队', team: '突击队', kind: '类型', kind_task: '重大任务', kind_emergency: '紧急情况', task: '任务', place: '地点', at: '时间', sendCallout: '发出调用', confirmCallout: '调用“{team}”？', called: '已发出调用',
  callouts: '调用记录', noCallouts: '没有调用记录。', answers: '队员响应', coming: '到场', cannot: '不能到场', noAnswer: '未响应', saveAnswers: '登记响应', attendance: '到场情况', minutes: '分钟', saveAttendance: '登记到场并结束', confirmAttendance: '登记到场情况并结束这次调用？', closed: '已结束', attendedBy: '{n} 人到场，共 {m} 分钟',
}, {
  tab_projects: 'Joint projects', tab_teams: 'Shock teams', projects: 'Joint projects', noProjects: 'No joint project.', filter: 'State', all: 'All',
  state_proposed: 'Proposed', state_claimed: 'Claimed', state_in_progress: 'In progress', state_done: 'Done', state_dropped: 'Dropped',
  propose: 'Post a need', title: 'Title', description: 'What is needed', compounds: 'Compounds concerned', submitProposal: 'Post', proposed: 'Posted', open: 'Open', back: 'Back to projects',
  department: 'Department', none: 'none yet', claim: 'Claim', confirmClaim: 'Claim “{title}” for your department?', goals: 'Goals', milestones: 'Milestones', milestoneN: 'Milestone {n}', milestoneTitle: 'Milestone', dueOn: 'Due', addMilestone: 'Add a milestone', removeMilestone: 'Remove milestone {n}',
  savePlan: 'Save plan', planHelp: 'One milestone a line: title,due date (e.g. Plan published,2027-01-31)', plan: 'Plan', evidence: 'What was done', doneOn: 'Done on', saveEvidence: 'Record what was done', confirmEvidence: 'Record what was done for “{title}” ({n} photos)? It cannot change afterwards.', evidencePhotos: 'Photos of “{title}”', noEvidence: 'not recorded',
  markDone: 'Mark done', notAllEvidenced: 'A project is done once every milestone has what was done recorded', confirmDone: 'Mark “{title}” done? It cannot change afterwards.', drop: 'Drop project', dropReason: 'Reason for dropping', confirmDrop: 'Drop “{title}”? Reason: {reason}', reasonRequired: 'Say why (4 to 500 characters)', planLines: 'One milestone a line: “title,date”',
  teams: 'Red shock teams', noTeams: 'No team to call on.', members: 'Members', roster: 'Edit roster', teamId: 'Team id (e.g. t1)', teamName: 'Team name', membersHelp: 'One member a line: id,name,mobile,role (id: lowercase letters and digits)', saveRoster: 'Save roster', saved: 'Saved', newTeam: 'New team',
  callOut: 'Call a team out', attendanceLater: 'Who came is recorded once the call-out’s time has come.', chooseTeam: 'Choose the team to call out', team: 'Team', kind: 'Kind', kind_task: 'Major task', kind_emergency: 'Emergency', task: 'Task', place: 'Place', at: 'Time', sendCallout: 'Call out', confirmCallout: 'Call out “{team}”?', called: 'Called out',
  callouts: 'Call-outs', noCallouts: 'No call-outs.', answers: 'Answers', coming: 'Coming', cannot: 'Cannot come', noAnswer: 'no answer', saveAnswers: 'Record answers', attendance: 'Who came', minutes: 'minutes', saveAttendance: 'Record and close', confirmAttendance: 'Record who came and close this call-out?', closed: 'Closed', attendedBy: '{n} came, {m} minutes in all',
});
