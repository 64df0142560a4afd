// zh-CN first, English as the switch. The choice is remembered on the device.
import { REGISTER_ISSUE_ZH as issueZh } from '../../../shared/registry/issue-words.ts';
const zh = {
  appPublic: '辖区概况', appAdmin: '共治 · 管理端', switchLang: 'English', streets: '街道', communities: '社区', compounds: '小区', grids: '网格',
  units: '户（专有部分）', ownerHeads: '业主人数', loading: '加载中…', loadFailed: '加载失败，请检查网络后重试', retry: '重试',
  signIn: '登录', signOut: '退出', signInAs: '选择演示账号登录', signedInAs: '当前账号', noLocalSignIn: '工作人员请使用区统一账号登录（需要动态验证码）。',
  tree: '辖区结构', compound: '小区', buildings: '楼栋', company: '物业服务企业', none: '无', registerVersion: '业主名册版本', notImported: '尚未导入',
  area: '专有面积合计（㎡）', versions: '名册版本记录', export: '导出 CSV', import: '导入业主名册', chooseFile: '选择 CSV 文件（Excel 另存为 CSV，UTF-8 或 GBK 均可）',
  check: '校验（不写入）', commit: '确认导入', checking: '正在校验…', committing: '正在写入…', reportOk: '校验通过，可以导入', reportBad: '发现问题，未写入任何数据。请修改后重新选择文件。',
  line: '行', column: '列', problem: '问题', rows: '行数', encoding: '文件编码', unchanged: '内容与当前名册相同，无需重复导入', committed: '已导入，生成名册版本',
  totalsPending: '正在计算合计…', totals: '名册合计（按法定计数规则）', developerUnits: '开发商未售套数', back: '返回', open: '查看', class: '分类',
  columnsHelp: '列：楼栋、房号、专有面积、面积来源（不动产登记/实测/合同）、业主姓名、业主编号、联系电话、开发商未售（是/否）',
  committedAt: '导入时间', fileName: '文件名', skip: '跳到主要内容', publicNote: '仅公开辖区结构与统计数字，不含任何个人信息。',
  residentTitle: '共治 · 住户', hello: '您好', enterCode: '输入入户码', householdCode: '入户码（12 位）', codeHelp: '入户码印在社区发放的通知书上。也可以用手机扫描通知书上的二维码。',
  codeFormat: '入户码是 12 位字母和数字，例如 K7QM-3XHP-9RTD', codeInvalid: '这个入户码不能使用。请核对，或到社区领取新的入户码。', codeTooMany: '尝试次数过多，请 15 分钟后再试。', codeBallotWithdrawn: '这次表决已撤回，入户码不再使用。业委会会另行公告。', codeClosed: '这次评价或表决已经结束，入户码不再使用。',
  codeFor: '本次用途', deadline: '截止时间', sessionUntil: '本次登录有效至',
  codes: '入户码', purposeKind: '用途', purposeRating: '物业服务评价', purposeBallot: '业主表决', purposeId: '编号', purposeTitle: '名称（印在通知书上）', expiresAt: '截止时间',
  issueCodes: '生成入户码', issuing: '正在生成…', printLetters: '打印通知书', lettersReady: '份通知书已生成。入户码只显示这一次，请立即打印。', revoke: '作废', reissue: '作废并补发', codeStatus: '状态', unitNo: '房号', codesNeedRegister: '入户码按业主名册的房屋生成。本小区还没有业主名册：请社区、街道工作人员先在本页导入。', reissueConfirm: '作废 {unit} 的入户码并补发新码？旧通知书将不能再使用。', ballotCodesOnly: '业委会可为本小区已公告的表决生成入户码；评价入户码由社区工作人员发放。',
  status_issued: '已发放', status_signed_in: '已登录未提交', status_used: '已提交', status_revoked: '已作废', status_expired: '已过期', letterTitle: '入户码通知书', letterScan: '用手机扫描二维码，或打开下面的网址并输入入户码：',
  letterNote: '此码仅供本户使用，请勿转告他人。提交前可多次登录，提交后即失效。如遗失，请到社区办理作废和补发。', audit: '操作记录', month: '月份', actor: '操作人', target: '对象', action: '操作', time: '时间', filter: '筛选', tree2: '辖区',
  campaign: '评价活动', noOpenBallot: '本小区没有已公告、未截止的表决。请先在“业主表决”中发布表决公告。', noOpenCampaign: '没有包含本小区的进行中评价活动。请先在“物业评价”中创建。', ratings: '物业评价', noticesLink: '物业服务评价公告（双公告）',
  acceptedBuildings: '本小区的楼栋（“楼栋”列须与之一致）：', template: '下载模板（含本小区楼栋）', addBuilding: '把“{b}”加入本小区的楼栋', addBuildingConfirm: '把“{b}”加入{c}的楼栋？加入后重新校验文件。',
  buildingUnknownIs: '楼栋“{b}”不在本小区。本小区的楼栋：{names}', buildingSpelledOtherwise: '楼栋“{b}”应写作本小区的“{s}”：请改文件', issuesShown: '共 {total} 处问题，下面列出前 {n} 处。', manyUnknown: '文件中有 {n} 个本小区没有的楼栋名：多半是写法不同，请对照上面的楼栋名修改文件。', duplicateUnitIs: '房号 {u} 重复：第 {line} 行已有',
  serviceItems: '合同服务事项', serviceItemsHelp: '住户评价“合同履约”时逐项回答。常见事项：', serviceItemsOne: '每行一项', save: '保存', saved: '已保存',
};
type Dict = typeof zh;
const en: Dict = {
  appPublic: 'District overview', appAdmin: 'gongzhi · Admin', switchLang: '中文', streets: 'Streets', communities: 'Communities', compounds: 'Compounds', grids: 'Grids',
  units: 'Units', ownerHeads: 'Owners (heads)', loading: 'Loading…', loadFailed: 'Could not load; check the network and retry', retry: 'Retry',
  signIn: 'Sign in', signOut: 'Sign out', signInAs: 'Sign in as a demo user', signedInAs: 'Signed in as', noLocalSignIn: 'Staff sign in with their district account (with a one-time passcode).',
  tree: 'District tree', compound: 'Compound', buildings: 'Buildings', company: 'Property company', none: 'none', registerVersion: 'Owners\' register version', notImported: 'not imported yet',
  area: 'Total exclusive area (m²)', versions: 'Register versions', export: 'Export CSV', import: 'Import owners\' register', chooseFile: 'Choose a CSV file (saved from Excel; UTF-8 or GBK)',
  check: 'Check (writes nothing)', commit: 'Import', checking: 'Checking…', committing: 'Writing…', reportOk: 'No problems found: ready to import', reportBad: 'Problems found; nothing was written. Fix the file and choose it again.',
  line: 'Line', column: 'Column', problem: 'Problem', rows: 'Rows', encoding: 'Encoding', unchanged: 'Same content as the current register: nothing to import', committed: 'Imported as register version',
  totalsPending: 'Computing totals…', totals: 'Register totals (legal counting rules)', developerUnits: 'Developer\'s unsold units', back: 'Back', open: 'Open', class: 'Class',
  columnsHelp: 'Columns: 楼栋 building, 房号 unit, 专有面积 area, 面积来源 area source (不动产登记/实测/合同), 业主姓名 owner, 业主编号 owner ref, 联系电话 phone, 开发商未售 developer unsold (是/否)',
  committedAt: 'Committed', fileName: 'File', skip: 'Skip to main content', publicNote: 'Structure and counts only; no personal data.',
  residentTitle: 'gongzhi · Residents', hello: 'Hello', enterCode: 'Enter your household code', householdCode: 'Household code (12 characters)', codeHelp: 'The code is printed on the letter from your community office. You can also scan the letter\'s QR code.',
  codeFormat: 'A household code has 12 letters and digits, e.g. K7QM-3XHP-9RTD', codeInvalid: 'This code cannot be used. Check it, or ask your community office for a new one.', codeTooMany: 'Too many attempts. Please try again in 15 minutes.', codeBallotWithdrawn: 'This ballot was withdrawn; the code is no longer used. The committee will announce what follows.', codeClosed: 'This rating or vote has ended; the code is no longer used.',
  codeFor: 'This code is for', deadline: 'Deadline', sessionUntil: 'Signed in until',
  codes: 'Household codes', purposeKind: 'Purpose', purposeRating: 'Property-service rating', purposeBallot: 'Owners\' vote', purposeId: 'Id', purposeTitle: 'Title (printed on the letter)', expiresAt: 'Deadline',
  issueCodes: 'Generate codes', issuing: 'Generating…', printLetters: 'Print letters', lettersReady: 'letters generated. The codes are shown only this once: print them now.', revoke: 'Revoke', reissue: 'Revoke and reissue', codeStatus: 'Status', unitNo: 'Unit', codesNeedRegister: 'Codes are made for the units of the owners\' register. This compound has none yet: community or street staff import it on this page first.', reissueConfirm: 'Revoke the code of {unit} and issue a new one? The old letter will stop working.', ballotCodesOnly: 'A committee generates codes for its own announced ballots; rating codes come from the community office.',
  status_issued: 'Issued', status_signed_in: 'Signed in, not yet submitted', status_used: 'Submitted', status_revoked: 'Revoked', status_expired: 'Expired', letterTitle: 'Household code', letterScan: 'Scan the QR code with your phone, or open this address and type the code:',
  letterNote: 'This code is for your household only; do not pass it on. It works until your household has submitted, then no more. If you lose it, the community office can revoke it and issue a new one.', audit: 'Audit trail', month: 'Month', actor: 'Actor', target: 'Target', action: 'Action', time: 'Time', filter: 'Filter', tree2: 'District',
  campaign: 'Rating campaign', noOpenBallot: 'No announced, open ballot on this compound. Announce one under Owner votes first.', noOpenCampaign: 'No open rating campaign asks this compound. Create one under Ratings first.', ratings: 'Ratings', noticesLink: 'Property-service rating notices',
  acceptedBuildings: 'Buildings of this compound (the 楼栋 column must match): ', template: 'Download a template (with these buildings)', addBuilding: 'Add "{b}" to this compound\'s buildings', addBuildingConfirm: 'Add "{b}" to the buildings of {c}? The file is checked again afterwards.',
  buildingUnknownIs: 'Building "{b}" is not in this compound. Its buildings: {names}', buildingSpelledOtherwise: 'Building "{b}" is this compound\'s "{s}" written otherwise: fix the file', issuesShown: '{total} problems; the first {n} are listed.', manyUnknown: 'The file names {n} buildings this compound does not have: most likely spelled otherwise; correct the file against the names above.', duplicateUnitIs: 'Unit {u} repeats line {line}',
  serviceItems: 'Contract service items', serviceItemsHelp: 'Residents rate each of these under contract performance. Common items:', serviceItemsOne: 'One item per line', save: 'Save', saved: 'Saved',
};


const initial: 'zh' | 'en' = typeof localStorage !== 'undefined' && localStorage.getItem('lang') === 'en' ? 'en' : 'zh';
let lang = $state<'zh' | 'en'>(initial);

export const i18n = {
  get lang() { return lang; },
  toggle() {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  },
  t(key: keyof Dict, vars?: Record<string, string | number>): string { return fill((lang === 'zh' ? zh : en)[key], vars); },
  issue(code: string, message: string): string { return lang === 'zh' ? (issueZh[code] ?? message) : message; },
};

/** A page's own words, so a page loads only the strings it shows. */
export function words<K extends string>(zhWords: Record<K, string>, enWords: Record<K, string>): (key: K, vars?: Record<string, string | number>) => string {
  return (key, vars) => fill((lang === 'zh' ? zhWords : enWords)[key], vars);
}

/** A text's {placeholders} filled: every occurrence, each value as written ("$&" in a title is not a replacement pattern). */
function fill(text: string, vars?: Record<string, string | number>): string {
  let out = text;
  for (const [k, v] of Object.entries(vars ?? {})) out = out.replaceAll(`{${k}}`, () => String(v));
  return out;
}

if (typeof document !== 'undefined') document.documentElement.lang = initial === 'zh' ? 'zh-CN' : 'en';
