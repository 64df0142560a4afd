// The ballot page's words (zh-CN first).
import { words } from '../lib/i18n.svelte.ts';

export const w = words({
  start: '开始表决', next: '下一步：核对', back: '返回修改', confirm: '确认提交', submitting: '正在提交…',
  power: '您的表决权：{units} 套房屋，专有面积共 {area} m²，计 1 人', powerHelp: '同一业主名下的多套房屋合并为一票，表决一次即可。',
  until: '表决截止', ordinary: '一般事项', special: '特别事项', ordinaryHelp: '须参与表决的业主中专有面积和人数均过半数同意',
  specialHelp: '须参与表决的业主中专有面积和人数均四分之三以上同意', fullText: '查看事项全文', attachments: '附件',
  agree: '同意', disagree: '不同意', abstain: '弃权', blank: '不表决此项',
  blankHelp: '选“弃权”计入参与表决；选“不表决此项”则本事项不计您参与表决。',
  electionHelp: '本次选举 {seats} 个席位，您最多可以支持 {seats} 名候选人。', chosen: '已选 {n} / {seats}', support: '支持',
  checkTitle: '请核对您的选择', checkHelp: '提交后不能修改。', nothing: '您还没有对任何事项作出选择。', tooMany: '最多支持 {seats} 名候选人。',
  thanks: '表决已提交，感谢您的参与！', receipt: '回执编号', recordedAt: '提交时间', yourChoices: '您的选择',
  keepReceipt: '请截图保存回执。表决结束后，可在公示栏用回执编号查到您的选择（公示不显示任何人的身份）。', bulletin: '查看公示栏',
  votedElsewhere: '本户业主已于 {at} 通过{channel}表决，每位业主只计一票。', paper: '纸质表决票', proxy: '书面委托', online: '网上',
  notOpen: '表决于 {at} 开始，届时请再次打开本页。', readAnnouncement: '阅读表决公告（事项全文、附件和表决规则）', closed: '表决已于 {at} 截止。', already: '本户业主已经表决过，每位业主只计一票。',
  retrying: '网络不稳定，正在重试（第 {n} 次）…', offline: '网络中断，您的选择已保存在本机。恢复网络后请再点“确认提交”。',
  expired: '登录已过期。您的选择已保存在本机，请联系业委会或社区补发入户码后继续。', draftSaved: '已自动保存在本机', withdrawn: '本次表决已在投票开始前撤回，请留意业委会的新公告。', followMajority: '请注意：本小区议事规则规定，表决票已送达但未表决的业主，视为同意多数业主的意见。规则原文：',
}, {
  start: 'Start', next: 'Next: check', back: 'Change', confirm: 'Confirm and submit', submitting: 'Submitting…',
  power: 'Your vote: {units} unit(s), {area} m² of exclusive area, 1 owner', powerHelp: 'All units of one owner count as one vote; vote once.',
  until: 'Voting closes', ordinary: 'Ordinary matter', special: 'Special matter', ordinaryHelp: 'Passes with more than half of the participating area and owners',
  specialHelp: 'Passes with three quarters or more of the participating area and owners', fullText: 'Full text', attachments: 'Attachments',
  agree: 'Agree', disagree: 'Disagree', abstain: 'Abstain', blank: 'Leave blank',
  blankHelp: '"Abstain" takes part in the vote; "Leave blank" does not take part in this matter.',
  electionHelp: '{seats} seats: you may support up to {seats} candidates.', chosen: '{n} of {seats} chosen', support: 'Support',
  checkTitle: 'Check your choices', checkHelp: 'A vote cannot be changed once submitted.', nothing: 'You have not chosen on any matter.', tooMany: 'Support at most {seats} candidates.',
  thanks: 'Vote submitted. Thank you!', receipt: 'Receipt', recordedAt: 'Submitted at', yourChoices: 'Your choices',
  keepReceipt: 'Keep a screenshot. After the vote closes, find your choices on the bulletin by this receipt (the bulletin shows nobody\'s identity).', bulletin: 'Open the bulletin',
  votedElsewhere: 'This owner already voted at {at} ({channel}); each owner has one vote.', paper: 'paper ballot', proxy: 'written proxy', online: 'online',
  notOpen: 'Voting opens at {at}; please come back then.', readAnnouncement: 'Read the announcement (the matters in full, attachments and rules)', closed: 'Voting closed at {at}.', already: 'This owner has already voted; each owner has one vote.',
  retrying: 'Weak network, retrying (attempt {n})…', offline: 'The network dropped. Your choices are saved; tap Confirm again when you are back online.',
  expired: 'Your sign-in expired. Your choices are saved on this phone; ask the committee or community office for a new code.', draftSaved: 'Saved on this phone', withdrawn: 'This ballot was withdrawn before voting opened; watch for the committee\'s new announcement.', followMajority: 'Note: this compound\'s rules of procedure say that owners who received the ballot and do not vote follow the majority. The rule: ',
});
