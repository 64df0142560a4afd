// The ballot results notice and bulletin (zh-CN first; the decision lines are the legal
// wording from shared/votes/words.ts and stay in Chinese in both languages).
import { words } from '../lib/i18n.svelte.ts';

export const bw = words({
  results: '业主表决结果公告', noneYet: '暂无表决结果。', head: '关于{title}表决结果的公告',
  body: '{compound}于 {opens} 至 {closes} 就下列事项征求业主意见。依据《中华人民共和国民法典》第二百七十八条，按登记册第 {v} 版的专有面积和业主人数计票，结果公告如下。本公告不含任何个人信息。',
  totals: '专有面积总计 {area} m²，业主总人数 {heads} 人（同一业主的多套房屋计 1 人，开发建设单位未售房屋计 1 人）。',
  channels: '网上表决 {online} 票，纸质表决 {paper} 票，书面委托 {proxy} 票；{repeats}',
  repeats: '{n} 位业主重复表决，均只计其首次表决。', noRepeats: '没有业主重复表决。',
  ordinary: '一般事项', special: '特别事项', share: '面积 (m²)', heads: '人数', participating: '参与表决', agree: '同意', disagree: '不同意', abstain: '弃权',
  passed: '通过', failed: '未通过', elected: '当选', tied: '得票相同、并列最后一席，本席位空缺：', openSeats: '空缺席位 {n} 个', seats: '应选 {n} 席',
  hearings: '三会记录', before: '事前听证', during: '事中协调', after: '事后评议', attendance: '{n} 人参加',
  postedUntil: '公示期至 {d}', print: '打印公告', bulletin: '回执公示栏', bulletinHelp: '每张表决票的回执编号及其选择，不含任何身份信息。业主可凭回执核对自己的选择，任何人可据此复核计票。',
  find: '查找回执编号', found: '找到 {n} 条', notFound: '没有这个回执编号。请核对后重试。', receipt: '回执编号', showing: '共 {total} 张表决票，显示前 {n} 张；输入回执编号查找。',
  deemedHead: '按议事规则计算的结果（与实际表决结果并列公示）', deemedRule: '依据：{rule}', deemedCount: '有送达凭证而未表决的业主 {n} 人视为与多数意见一致（{choice}）。', deemedNone: '本事项没有过半数的多数意见，无人视为同意。', rawHead: '实际表决结果',
  back: '返回', announcement: '表决公告', result: '结果公告', blank: '—', support: '支持',
}, {
  results: 'Owner vote results', noneYet: 'No results yet.', head: 'Notice of the result of {title}',
  body: '{compound} voted on the matters below from {opens} to {closes}. Under Civil Code art. 278, by the exclusive area and owners of register version {v}. No personal data.',
  totals: 'Total exclusive area {area} m², {heads} owners (all units of one owner count as one; the developer\'s unsold units count as one).',
  channels: '{online} online, {paper} paper, {proxy} by written proxy; {repeats}',
  repeats: '{n} owner(s) tried to vote more than once; only each one\'s first vote counted.', noRepeats: 'no owner voted more than once.',
  ordinary: 'Ordinary matter', special: 'Special matter', share: 'Area (m²)', heads: 'Owners', participating: 'Took part', agree: 'Agree', disagree: 'Disagree', abstain: 'Abstain',
  passed: 'Passed', failed: 'Not passed', elected: 'Elected', tied: 'Tied for the last seat; the seat stays open: ', openSeats: '{n} seat(s) open', seats: '{n} seats',
  hearings: 'Hearings (三会)', before: 'Hearing before', during: 'Coordination during', after: 'Review after', attendance: '{n} attended',
  postedUntil: 'Posted until {d}', print: 'Print notice', bulletin: 'Receipt bulletin', bulletinHelp: 'Every ballot\'s receipt code with its choices, and no identities. Owners check their own; anyone can recount.',
  find: 'Find a receipt', found: '{n} found', notFound: 'No such receipt. Check it and try again.', receipt: 'Receipt', showing: '{total} ballots; showing the first {n}. Search by receipt.',
  deemedHead: 'Result under the rules of procedure (published beside the actual vote)', deemedRule: 'Under: {rule}', deemedCount: '{n} owner(s) with proof of delivery who did not vote are deemed to side with the majority ({choice}).', deemedNone: 'No majority on this matter; nobody is deemed.', rawHead: 'Actual vote',
  back: 'Back', announcement: 'Announcement', result: 'Results notice', blank: '—', support: 'Support',
});
