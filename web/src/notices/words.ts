import { words } from '../lib/i18n.svelte.ts';

export const pw = words({
  title: '公示公告', campaigns: '已公示的评价', none: '暂无已公示的评价结果。', compounds: '各小区结果', companyTable: '物业服务企业排名',
  rank: '名次', company: '物业服务企业', compoundCount: '服务小区数', belowFloorCount: '参评率不足的小区', openData: '开放数据', csv: '下载 CSV', json: '下载 JSON',
  participationChart: '各小区参评率', satisfactionChart: '各小区满意率', print: '打印公告', back: '返回', noticeHead: '关于{name}{period}物业服务评价结果的公告',
  noticeBody: '根据{title}安排，现将{name}（物业服务企业：{company}）的合同履约情况和服务质量评价结果公告如下。本公告仅含汇总数字，不含任何个人信息。',
  version: '第 {v} 版', correction: '更正说明', changed: '更正内容', supersedes: '本版更正第 {v} 版', versions: '历次版本', published: '发布日期', street: '街道', community: '社区',
  period: '评价周期', respondents: '参评户数',
}, {
  title: 'Public notices', campaigns: 'Published ratings', none: 'No published results yet.', compounds: 'Results per compound', companyTable: 'Property companies ranked',
  rank: 'Rank', company: 'Property company', compoundCount: 'Compounds', belowFloorCount: 'Compounds with low participation', openData: 'Open data', csv: 'Download CSV', json: 'Download JSON',
  participationChart: 'Participation per compound', satisfactionChart: 'Satisfaction per compound', print: 'Print notice', back: 'Back', noticeHead: 'Notice of the {period} property-service rating of {name}',
  noticeBody: 'Under {title}, the contract performance and the service quality ratings of {name} (property company: {company}) are published below. Figures only; no personal data.',
  version: 'Version {v}', correction: 'Reason for correction', changed: 'What changed', supersedes: 'This version corrects version {v}', versions: 'Versions', published: 'Published', street: 'Street', community: 'Community',
  period: 'Period', respondents: 'Respondents',
});
