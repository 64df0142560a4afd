// The 表决公告 (announcement of an owners' vote), zh-CN first. The thresholds are Civil Code
// art. 278's and stay the legal wording in both languages' Chinese print.
import { words } from '../lib/i18n.svelte.ts';

export const aw = words({
  list: '表决公告', listHelp: '公告期内可阅读表决事项全文；投票开始后凭入户码投票。', none: '目前没有公告中的表决。',
  head: '关于{title}的公告', electionHead: '关于{title}的选举公告',
  body: '{compound}定于 {opens} 至 {closes}（北京时间）就下列事项征求全体业主意见。按业主名册第 {v} 版计票：专有面积总计 {area} m²，业主 {heads} 人（同一业主的多套房屋计 1 人）。',
  seats: '本次选举应选委员 {n} 名，每张选票最多支持 {n} 名候选人。', candidates: '候选人',
  ordinary: '一般事项', special: '特别事项',
  ordinaryRule: '须专有面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决专有面积过半数且参与表决人数过半数的业主同意（《民法典》第二百七十八条）。',
  specialRule: '须专有面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决专有面积四分之三以上且参与表决人数四分之三以上的业主同意（《民法典》第二百七十八条）。',
  attachments: '附件', howTo: '怎样表决', state_announced: '公告中，投票尚未开始', state_open: '投票进行中', state_counting: '投票已截止，正在计票', state_closed: '已计票，见结果公告', state_withdrawn: '已撤回',
  online: '网上：用手机扫描业委会发放的入户码通知书上的二维码，或打开 {url} 输入入户码。投票开始后才能提交。',
  paper: '纸质：向业委会领取纸质表决票，填好后在截止前交回；由两名工作人员分别录入核对。',
  proxy: '委托：书面委托他人代为表决，委托书须在截止前交业委会登记；一人最多接受 {cap} 位业主的委托。',
  proxyNoCap: '委托：书面委托他人代为表决，委托书须在截止前交业委会登记。',
  once: '每位业主只计一票：以最先收到的表决为准，之后的表决不计。',
  deemed: '未表决业主的计算：议事规则约定：{rule}', withdrawn: '本次表决已于 {at} 撤回。原因：{reason}',
  resultLink: '查看表决结果公告', print: '打印公告（A4）', back: '返回', announcedOn: '公告日期：{d}', window: '投票时间', read: '阅读公告',
}, {
  list: 'Announced owner votes', listHelp: 'Read the matters in full during the notice period; vote with your household code once voting opens.', none: 'No vote is announced at the moment.',
  head: 'Announcement: {title}', electionHead: 'Election announcement: {title}',
  body: '{compound} asks all owners to vote on the matters below from {opens} to {closes} (Beijing time). Counted by owners\' register version {v}: {area} m² of exclusive area, {heads} owners (all units of one owner count as one).',
  seats: '{n} seats to fill; each ballot supports at most {n} candidates.', candidates: 'Candidates',
  ordinary: 'Ordinary matter', special: 'Special matter',
  ordinaryRule: 'Owners holding two thirds of the area and two thirds of the owners must take part, and more than half of the area and of the owners taking part must agree (Civil Code art. 278).',
  specialRule: 'Owners holding two thirds of the area and two thirds of the owners must take part, and three quarters of the area and of the owners taking part must agree (Civil Code art. 278).',
  attachments: 'Attachments', howTo: 'How to vote', state_announced: 'Announced; voting not yet open', state_open: 'Voting is open', state_counting: 'Voting closed; being counted', state_closed: 'Counted: see the results notice', state_withdrawn: 'Withdrawn',
  online: 'Online: scan the QR code on the household-code letter from the committee, or open {url} and type the code. Submissions open when voting opens.',
  paper: 'On paper: ask the committee for a paper ballot and return it before the close; two staff key it separately and compare.',
  proxy: 'By proxy: a written proxy, registered with the committee before the close; one person holds at most {cap} owners\' proxies.',
  proxyNoCap: 'By proxy: a written proxy, registered with the committee before the close.',
  once: 'One vote per owner: the first one received counts; later ones do not.',
  deemed: 'Owners who do not vote: under the rules of procedure, {rule}', withdrawn: 'This vote was withdrawn on {at}. Reason: {reason}',
  resultLink: 'Read the results notice', print: 'Print (A4)', back: 'Back', announcedOn: 'Announced on {d}', window: 'Voting', read: 'Read',
});
