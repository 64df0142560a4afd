// What a refusal says, in the reader's language. The functions write their refusals (and the
// schemas their own rules) in English, which API clients and the logs read; a person on a
// zh-CN page reads them through this one map, with instants in Beijing time in both
// languages. Kept in one place so that a new refusal is translated once, for every form.
import { REGISTER_ISSUE_ZH } from './registry/issue-words.ts';

export type Lang = 'zh' | 'en';

/** The language a request asks for: Chinese when its most preferred language is Chinese (any script: we have Simplified only). */
export function langOf(acceptLanguage: string | undefined): Lang {
  // The most preferred tag (q-values honoured, the first of equals); only a short header is read.
  let best: { tag: string; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').slice(0, 512).split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().replace(/_/g, '-').split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    if (!tag || !(q > 0) || q > 1) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best && /^zh(-|$)/.test(best.tag) ? 'zh' : 'en';
}

import { beijingTime } from './beijing.ts';

export { beijingTime };

const ISO_INSTANT = /\b(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d))\b/g;

function withBeijingTimes(text: string, lang: Lang): string {
  return text.replace(ISO_INSTANT, (iso) => `${beijingTime(iso)}${lang === 'zh' ? '（北京时间）' : ' Beijing time'}`);
}

/** The things a 404 names (`${what} not found`). */
const THINGS: Record<string, string> = {
  Ballot: '表决', Campaign: '评价活动', 'Campaign compound': '评价活动中的小区', 'Code for this unit and purpose': '该房屋此用途的入户码',
  Case: '诉求工单', 'Frozen report': '已固定的月度报告', 'Report version': '报告版本', 'Published month': '已公布的月份', Compound: '小区', Election: '选举', Household: '住户', 'Keyed sheet for this unit': '该房屋已录入的纸质表决票', 'Notice version': '公告版本',
  'Published campaign': '已公告的评价活动', 'Published notice': '已发布的公告', 'Rating campaign for this household': '本户的评价活动',
  'Register version': '名册版本', 'Result of this ballot (it is published when voting has closed and the result is frozen)': '表决结果（投票截止并固定结果后公布）',
  Submission: '提交记录', Community: '社区', Department: '部门', 'Evaluation round': '评价轮次', Evaluation: '评价记录', 'Published ranking': '已发布的评价排名', Version: '版本', 'Frozen quarter': '已固定的季度考核', Task: '整改任务', "This unit on the ballot's register": '表决名册中的该房屋', 'Unit on this ballot': '本次表决中的该房屋',
};

const EXACT: Record<string, string> = {
  // Messages.
  // The quarterly assessment (issue 15).
  'Not a class of this district': '不是本区的社区分类',
  'Someone changed this class meanwhile; reload': '社区分类刚刚被他人修改，请刷新',
  'The community is in this class already': '该社区已经是这个分类',
  'not an indicator entered by hand (its value comes from the records)': '这项指标不用填报（数值取自系统记录）',
  'a rate in permille: at most 1000': '比率按千分数填写，最多 1000',
  'Some entries are not allowed': '有填报内容不符合要求',
  'This quarter has not begun': '这个季度还没有开始',
  'The quarter is frozen: an entry changes only with the reason for the correction': '本季度考核已固定：修改填报须写明更正原因',
  'required once the quarter is frozen': '季度考核固定后必填',
  'Someone changed these entries meanwhile; reload': '填报内容刚刚被他人修改，请刷新',
  'The quarter is frozen: cross review is over': '本季度考核已固定，交叉互评已结束',
  'a community does not score itself': '不能给本社区打分',
  'not a community of your class': '不是与本社区同一分类的社区',
  'score at least one community of your class': '请至少为一个同类社区打分',
  'Some scores are not allowed': '有打分不符合要求',
  'Your community already sent its cross review for this quarter': '本社区本季度已经提交过交叉互评',
  'required when the quarter is already frozen': '季度考核已固定，更正时必填',
  'Nothing changed since the frozen version': '与已固定的版本相比没有变化',
  'Someone froze this quarter meanwhile; reload': '有人刚刚固定了本季度考核，请刷新',
  'The task is given to no one who exists': '任务的承办人不存在',
  "the community's own street": '须为该社区所在的街道',
  'This task is not yours to mark': '这项任务不由您标记',
  'The task is done already': '任务已经完成',
  'The task is open already': '任务已经是未完成状态',
  'Someone changed this task meanwhile; reload': '任务刚刚被他人修改，请刷新',
  'a quarter such as 2026-Q4': '须为季度，例如 2026-Q4',
  'a year such as 2027': '须为年份，例如 2027',
  'a task number': '须为任务编号',
  // Pairings and evaluations (issue 15).
  'This community is outside your scope': '该社区不在您的管辖范围内',
  'This department is not yours': '这不是您所在的部门',
  'The pairing names a department or leader that does not exist': '结对中有不存在的部门或领导',
  'no such department': '没有这个部门',
  'no such leader': '没有这位领导',
  'Someone changed this pairing meanwhile; reload': '结对关系刚刚被他人修改，请刷新',
  'The round is not valid': '评价轮次的设置不正确',
  'The round has opened: it can no longer change (close it early instead)': '评价已经开始，不能再修改（可以提前结束）',
  'Another round already covers this half-year': '这个半年度已经有评价轮次',
  'No community is paired with a department yet': '还没有社区与部门结对',
  'pair communities with departments first': '请先设置社区与部门的结对',
  'Someone changed this round meanwhile; reload': '评价轮次刚刚被他人修改，请刷新',
  'Only an open round can be closed': '只有进行中的评价才能结束',
  'Your community is not paired with this department in this round': '本轮评价中，本社区没有与这个部门结对',
  'Some scores are missing or not asked': '有评分项没有填写，或不在本轮评价中',
  'required: score every criterion from 1 to 5': '必填：每一项都请打 1 到 5 分',
  'not a criterion of this round': '不是本轮的评价项',
  'used twice in this round': '本轮中重复',
  'This evaluation is already set aside': '这条评价已经不计入',
  'This evaluation already counts': '这条评价已经计入',
  'Someone changed this evaluation meanwhile; reload': '这条评价刚刚被他人修改，请刷新',
  'No evaluation counts in this round: nothing to publish': '本轮没有计入的评价，无法发布',
  'Someone published this round meanwhile; reload': '有人刚刚发布了本轮排名，请刷新',
  'required when the ranking is already published': '排名已发布，更正时必填',
  'must be after the opening time': '须晚于开始时间',
  'a half-year such as 2026-H2': '须为半年度，例如 2026-H2',
  'lowercase letters and digits, 2 to 24 characters': '小写字母和数字，2 到 24 位',
  '16 to 64 letters, digits, _ or -': '16 到 64 位字母、数字、_ 或 -',
  // Appeals (issue 14).
  'Your role handles no cases': '您的角色不承办诉求',
  'A street reports to the district': '街道只能直报区级',
  'Unknown compound': '没有这个小区',
  'no such compound': '没有这个小区',
  'No appeal has this tracking code; check it against the one you were given': '没有这个查询码的诉求，请与收到的查询码核对',
  'no appeal has this code': '没有这个查询码的诉求',
  'say what happened in at least 10 characters': '请写明诉求内容，至少 10 个字',
  'pick the compound or write the address (at least 4 characters)': '请选择小区，或填写地址（至少 4 个字）',
  'enter the tracking code': '请输入查询码',
  '16 to 40 hex characters': '16 到 40 位十六进制字符',
  'Other cases were merged into this one: merge those into the target instead': '已有其他诉求并入本件，不能再把本件并入别处',
  'this case has cases merged into it': '本件已有其他诉求并入',
  'Another department has this platform code': '已有其他部门使用这个平台编码',
  'names another category already': '已是另一个分类的编码、名称或别名',
  'another department has it': '已被其他部门使用',
  'category names must be unique': '分类名称不能重复',
  'must be district for a street': '街道报送须选“直报区级”',
  'Not a category of the catalogue': '不是诉求分类目录中的分类',
  'The work order is not valid': '工单内容不符合要求',
  'must not be in the future': '不能晚于当前时间',
  'must be within the last year': '须在一年以内',
  'must be after receivedAt': '须晚于受理时间',
  'The routing table changed meanwhile; reload it and try again': '派单规则已被他人修改，请刷新后重试',
  'The routing table is not valid': '派单规则不符合要求',
  'not a category of the catalogue': '不是诉求分类目录中的分类',
  'no such unit': '没有这个承办单位',
  'No such unit': '没有这个承办单位',
  'no such place': '没有这个地点',
  'Only the unit in charge takes this step': '这一步须由承办单位办理',
  'This step is the hotline centre’s, or the case is not your unit’s': '这一步由热线中心办理，或这件诉求不归您的单位承办',
  'The case changed since you opened it; reload it and try again': '打开后这件诉求已有变化，请刷新后重试',
  'The case changed meanwhile; reload it and try again': '这件诉求刚刚有了变化，请刷新后重试',
  'A case cannot be merged into itself': '诉求不能合并到它自己',
  'No such case': '没有这件诉求',
  'no such case': '没有这件诉求',
  'That case was merged or marked invalid itself': '那件诉求本身已被合并或认定无效',
  'The case to merge into changed meanwhile; reload and try again': '要合并到的诉求刚刚有了变化，请刷新后重试',
  'must be another case': '须是另一件诉求',
  'must be a valid case': '须是有效的诉求',
  'Someone else rotated the key at the same moment; ask them for it or rotate again': '他人同时更换了密钥，请向其索取或再换一次',
  'This case is outside your scope': '这件诉求不在您的管辖范围内',
  'a case number': '诉求编号',
  'lowercase letters, digits and -, 2 to 32 characters': '2 到 32 个小写字母、数字或 -',
  'This request was sent before (its nonce was seen); sign each request afresh': '这个请求已经发送过（随机数重复），每个请求须重新签名',
  'This step cannot be taken in the case’s present state': '诉求当前的状态不能办理这一步',
  'A case can be returned only within 2 working days of its dispatch': '只能在派单后 2 个工作日内退回',
  'The centre designated this unit after a return; it cannot be returned again': '退回后热线中心已指定由本单位承办，不能再次退回',
  'Extensions add up to at most 10 working days': '延期累计不能超过 10 个工作日',
  'An extension is already waiting for the centre’s decision': '已有延期申请在等待热线中心审批',
  'No extension is waiting for a decision': '没有等待审批的延期申请',
  'Give a reason': '请写明原因',
  'This step is earlier than the case’s last step': '这一步的时间早于诉求的上一步',
  'The signature does not match': '签名不符',
  'The timestamp is more than 5 minutes from the server clock': '时间戳与服务器时间相差超过 5 分钟',
  'The timestamp must be Unix seconds': '时间戳须为 Unix 秒数',
  'The nonce must be 16 to 64 letters, digits, - or _': '随机数须为 16 到 64 个字母、数字、- 或 _',
  'Sign the request: x-gz-timestamp, x-gz-nonce, x-gz-signature are required': '请求须签名：须带 x-gz-timestamp、x-gz-nonce、x-gz-signature',
  'bad_signature': '签名不符', 'stale': '时间戳过期', 'bad_timestamp': '时间戳格式不对', 'bad_nonce': '随机数格式不对', 'missing_header': '缺少签名头',
  'wrong_state': '状态不允许', 'return_too_late': '超过退回时限', 'designated': '已指定承办', 'extension_too_long': '延期过长', 'extension_pending': '延期待批',
  'no_extension': '没有延期申请', 'reason_required': '须写明原因', 'out_of_order': '时间顺序不对',
  "A ballot counts by a committed owners' register": '表决须按已导入的业主名册计票',
  'A ballot with this id was already announced; its matters cannot change': '这个编号的表决已经公告，表决事项不能再修改',
  'A committee follows the codes of its own ballots; rating codes are followed by community, street or district staff': '业委会只能查看本会表决的入户码；评价入户码由社区、街道或区工作人员查看',
  'A correction must say why': '更正须写明原因',
  'Only a month is frozen; quarters and half-years are summed from their months': '只能固定某个月的报告；季度和半年由各月相加',
  'Someone froze this month meanwhile; reload': '有人刚刚固定了这个月的报告，请刷新',
  'Versions belong to months': '只有月度报告有版本',
  'No case was received in this month: there is nothing to report': '这个月没有受理任何诉求，无需固定报告',
  'a month (YYYY-MM)': '须为月份（如 2026-10）',
  'required when the month is already published': '该月报告已发布时必填',
  'only for a month': '只适用于月度报告',
  'a month as YYYY-MM': '须为月份（如 2026-10）',
  'a month (YYYY-MM), a quarter (YYYY-Q1…Q4) or a half-year (YYYY-H1, H2)': '须为月份（2026-10）、季度（2026-Q4）或半年（2026-H2）',
  'A new campaign must close in the future': '新的评价活动截止时间必须在将来',
  'A referenced item does not exist': '引用的对象不存在',
  'A second, different person must key this sheet': '这张票须由另一位工作人员再录一次',
  'A written proxy is already recorded for this owner': '这位业主的书面委托已经登记',
  'An election with this id exists': '这个编号的选举已经存在',
  'Another register was committed for this compound meanwhile; run the import again': '刚才有人为本小区导入了另一份名册，请重新导入',
  'At least one candidate must be approved to hold an election': '至少要有一名候选人通过审核才能选举',
  "Buildings in the current owners' register cannot be removed": '当前业主名册中的楼栋不能删除',
  'Codes cannot outlive their ballot': '入户码的截止时间不能晚于表决截止',
  'Codes cannot outlive their campaign': '入户码的截止时间不能晚于评价活动截止',
  'Decide on every nominated candidate, once': '每位被提名的候选人都要审核，且只审核一次',
  'Delivery to this owner is already recorded': '已登记向这位业主送达',
  'Every compound of the campaign must be within your scope': '评价活动的每个小区都须在您的管辖范围内',
  "Every id this election's ballot could take is used by another ballot; withdraw one or start the election under another id": '这次选举可用的表决编号都已被占用：请撤回一个表决，或用另一个编号发起选举',
  "Import the owners' register before issuing codes": '请先导入业主名册，再生成入户码',
  'Internal error': '系统出错，请稍后再试',
  'All five gates are signed': '五个环节都已签署',
  'The submission is already excluded': '这份评价已经剔除',
  'The submission is not excluded': '这份评价没有被剔除',
  'No compound of this campaign is within your scope': '这次评价的小区都不在您的管辖范围内',
  'The ballot was withdrawn': '这次表决已撤回',
  'A compound has at most 300 buildings': '一个小区最多 300 个楼栋',
  'at most 300 buildings': '最多 300 个楼栋',
  'The file has no data rows': '文件没有数据行',
  'More owners reached than the register holds': '送达的业主人数超过名册人数',
  'No ballot with this id on this compound': '本小区没有这个编号的表决',
  'No rating campaign with this id asks this compound': '没有这个编号、包含本小区的评价活动',
  'No such matter on this ballot': '本次表决没有这个事项',
  'No such template': '没有这个问卷模板',
  'No written proxy is recorded for this owner': '这位业主没有登记书面委托',
  'Nobody was elected; the committee cannot be formed from this ballot': '没有人当选，不能据此组成业委会',
  'Nothing changed since the published version': '与已发布的版本相比没有变化',
  'Notices are published: the closing time can no longer change': '公告已发布，截止时间不能再修改',
  'Only an open campaign can be closed': '只有进行中的评价活动才能结束',
  'Please send again': '请再提交一次',
  'Rating codes are issued by community, street or district staff': '评价入户码由社区、街道或区工作人员发放',
  'Send application/json': '请以 JSON 格式提交',
  'Sign-in required': '请先登录',
  'Not allowed for this principal or scope': '您的角色或管辖范围不允许这项操作',
  'Some answers are missing or not allowed': '有的问题没有回答，或回答不在选项中',
  'Some choices are not allowed': '有的选择不允许',
  'Someone is issuing codes for this compound and purpose right now; wait a minute and look at the code list before issuing again': '有人正在为本小区的这项用途生成入户码：请等一分钟，看过入户码列表后再生成',
  'Someone keyed this sheet at the same moment; reload and key it again if needed': '有人同时录入了这张票：请刷新，需要时再录一次',
  'Someone published this compound meanwhile; reload': '有人刚刚发布了本小区的公告，请刷新',
  'Someone signed this gate at the same moment; reload': '有人同时签署了这一环节，请刷新',
  'The ballot is already withdrawn': '这次表决已经撤回',
  'The ballot was withdrawn before voting opened': '这次表决在投票开始前已撤回',
  'The body is not valid JSON': '提交的内容不是有效的 JSON',
  'The campaign has closed': '评价活动已经截止',
  'The campaign is no longer open': '评价活动已不在进行中',
  'The campaign is open: its questions, compounds and opening time can no longer change': '评价活动已开始，问题、小区和开始时间不能再修改',
  'The campaign was changed by someone else; reload it': '评价活动已被他人修改，请刷新',
  'The campaign was changed or opened meanwhile; reload it': '评价活动刚刚被修改或已开始，请刷新',
  'The committee of this election is already formed': '这次选举的业委会已经组成',
  'The community is outside your scope': '该社区不在您的管辖范围内',
  'The company changed meanwhile; reload and try again': '物业企业信息刚刚被修改，请刷新后再试',
  'The compound changed while you edited it; reload and try again': '您编辑时小区信息已被修改，请刷新后再试',
  'The election ballot has no frozen result yet': '选举表决还没有固定结果',
  'The election ballot has not been organized (gate 5)': '选举表决还没有组织（第 5 环节）',
  "The gate's record is incomplete": '这一环节的记录不完整',
  'The number of seats is not allowed': '委员人数不允许',
  "The owners' register is not ready": '业主名册尚未就绪',
  'The paper sheet changed while it was keyed; look at it again': '录入时这张纸质票已有变化，请再核对',
  'The questions changed; reload the form': '问题已更新，请刷新页面',
  'The request is not valid': '填写的内容有误',
  'The result is already frozen': '结果已经固定',
  'The result is frozen': '结果已经固定',
  'The result is frozen; no vote can be added': '结果已经固定，不能再加入表决票',
  'The second keying differs from the first; the sheet is held for the committee to resolve': '第二次录入与第一次不同，这张票已暂停，待业委会处理',
  'The sheet or the ballot changed; reload': '这张票或表决已有变化，请刷新',
  'The two keyings of this sheet differ and it is held; check the paper, discard both keyings with a reason, and key it twice again': '这张票两次录入不一致，已暂停：请核对纸质票，写明原因作废两次录入，再重新录入两次',
  'This ballot does not deem non-voters to follow the majority; deliveries are not recorded for it': '本次表决没有约定未表决业主视为同意多数，不需要登记送达',
  'This ballot was withdrawn': '这次表决已撤回',
  'This ballot was withdrawn; the committee will announce what follows': '这次表决已撤回，业委会将另行公告',
  'This code cannot be used. Check it, or ask your community office for a new one.': '这个入户码不能使用。请核对，或到社区领取新的入户码。',
  'This code is for another purpose': '这个入户码用于其他事项',
  'This compound is outside your scope': '该小区不在您的管辖范围内',
  'This purpose id is already used for another kind': '这个编号已用于另一类用途',
  'This route takes no body': '这个操作不需要提交内容',
  'This sign-in is not for a ballot': '这次登录不是用于表决的',
  'This sign-in is not for a rating': '这次登录不是用于评价的',
  "This unit is not on the ballot's register": '这个房屋不在本次表决的名册中',
  'Unknown community': '没有这个社区',
  'Unknown compounds': '有的小区不存在',
  "Use the district's site; the API does not answer requests that bypass it": '请通过本区网站访问',
  'Votes kept arriving while the result was computed; close again': '计票时仍有表决票到达，请再结束一次',
  'Voting has opened: lost letters are reissued by community, street or district staff': '投票已经开始：遗失的通知书由社区、街道或区工作人员补发',
  'Voting has opened; a ballot can only be withdrawn before': '投票已经开始；表决只能在投票开始前撤回',
  'Voting on this ballot has closed': '本次表决的投票已经截止',
  // Field reasons.
  'after opensAt': '须晚于开始时间',
  'all rejected': '全部未通过审核',
  'announce the ballot first': '请先发布表决公告',
  'choose on at least one matter; a ballot with nothing chosen is not a vote': '至少对一个事项作出选择；什么都没选的票不算表决',
  'closesAt must be after opensAt': '截止时间须晚于开始时间',
  'does not exist': '不存在',
  'endsOn must be after startsOn': '结束日期须晚于开始日期',
  "import the owners' register before the survey gate": '请在摸底环节之前导入业主名册',
  'in the past': '已经过去',
  'must be application/json': '须为 application/json',
  'must be empty': '须为空',
  'must be in the future': '须在将来',
  'no such community': '没有这个社区',
  'not a campaign of this compound': '不是本小区的评价活动',
  'not a dimension of this questionnaire': '不是本问卷的评价项',
  'not a template of this district': '不是本区的问卷模板',
  'not a usable code': '不是可用的入户码',
  'not valid JSON': '不是有效的 JSON',
  'record the proxy (委托书) first': '请先登记委托书',
  'required when a notice is already published': '公告已发布时必填',
  required: '必填',
  'the ballot was announced without a rule of procedure to that effect': '公告表决时没有这样的议事规则约定',
  'service items must be unique': '服务事项不能重复',
  'building names must be unique': '楼栋名称不能重复',
  'dimension ids must be unique': '评价项编号不能重复',
  'compound ids must be unique': '小区不能重复',
  'matter ids must be unique': '事项编号不能重复',
  'candidate ids must be unique': '候选人编号不能重复',
  'a rejection needs a reason of at least 4 characters': '不通过须写明原因，至少 4 个字',
  'decide on each candidate once': '每位候选人只审核一次',
  'at most 10 attachments': '最多 10 个附件',
  'A photo cannot be taken': '有照片不能使用',
  'at least one photo': '至少一张照片',
  'a JPEG, PNG or WebP image': '须为 JPEG、PNG 或 WebP 图片',
  'not uploaded; send it again': '没有上传成功，请重新提交',
  'empty; send it again': '是空文件，请重新选择后提交',
  'not a JPEG, PNG or WebP image': '不是 JPEG、PNG 或 WebP 图片',
  '16 to 64 letters, digits, - or _': '16 到 64 个字母、数字、- 或 _',
  '18-character unified social credit code': '18 位统一社会信用代码',
  'YYYY-MM': '格式为 年-月（YYYY-MM）',
  'a dimension id': '评价项编号',
  'a matter id': '事项编号',
  'file larger than 3 MB': '文件超过 3 MB',
  'from 1': '从 1 起',
  'to 5': '到 5',
  'lowercase id, up to 24 characters': '小写字母和数字的编号，最多 24 个字符',
  'lowercase letters, digits and -, 2 to 48 characters': '小写字母、数字和 -，2 到 48 个字符',
  'lowercase letters, digits and -, up to 24 characters': '小写字母、数字和 -，最多 24 个字符',
  'not base64': '不是 base64 编码',
  'the last 6 characters of the ID card': '身份证号后 6 位',
  'Too many attempts': '尝试次数过多',
  'say why, in at least 4 characters': '请写明原因，至少 4 个字',
  '6 to 40 letters, digits and -': '6 到 40 个字母、数字或 -',
  'an 11-digit mobile or a landline like 0532-88886666': '11 位手机号，或 0532-88886666 这样的固定电话',
  'state the matter in at least 10 characters': '请写明事项内容，至少 10 个字',
  'quote the article of the rules of procedure': '请引用议事规则的条文（至少 10 个字）',
};

const WHAT: Record<string, string> = {
  'a line break': '换行符', 'a bidi control': '文字方向控制符', 'a zero-width character': '零宽字符', 'a blank filler character': '空白填充字符',
  'a lone surrogate': '残缺的字符编码', 'a control character': '控制字符', 'an invisible format character': '不可见的格式字符',
};
const CHANNELS: Record<string, string> = { online: '网上', paper: '纸质票', proxy: '委托' };
const KINDS: Record<string, string> = { rating: '评价', ballot: '表决' };

type Rule = [RegExp, (m: RegExpMatchArray) => string];
const PATTERNS: Rule[] = [
  // Only the things a 404 names: a reason a person typed that ends in "not found" stays theirs.
  [new RegExp(`^(${Object.keys(THINGS).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) not found$`), (m) => `没有找到${THINGS[m[1]!]}`],
  [/^The register has (\d+) errors; nothing was written$/, (m) => `名册有 ${m[1]} 处问题，未写入任何数据`],
  [/^([a-z_]+): (.*)$/s, (m) => registerProblem(m[1]!, m[2]!)],
  [/^Gates are passed in order: next is (\w+)$/, (m) => `各环节须按顺序签署：下一个是“${GATE_ZH[m[1]!] ?? m[1]}”`],
  [/^the number of seats must be odd, got (\d+)$/, (m) => `委员人数须为单数，现在是 ${m[1]}`],
  [/^the district allows (\d+) to (\d+) seats, got (\d+)$/, (m) => `本区规定委员 ${m[1]} 到 ${m[2]} 人，现在是 ${m[3]}`],
  [/^Matters are announced at least (\d+) days before voting opens$/, (m) => `表决事项须在投票开始 ${m[1]} 日前公告`],
  [/^at the earliest (.+) \((\d+) days from today's announcement\)$/, (m) => `最早 ${m[1]}（自今天公告起 ${m[2]} 日）`],
  [/^One person may hold at most (\d+) owners' proxies in a ballot$/, (m) => `一人在一次表决中最多受 ${m[1]} 位业主委托`],
  [/^(.+) already holds (\d+)$/, (m) => `${m[1]} 已受 ${m[2]} 位业主委托`],
  [/^Notices are published after the campaign closes \((.+)\)$/, (m) => `评价活动截止（${m[1]}）后才能发布公告`],
  [/^A month's report is frozen after the month is over \((.+)\)$/, (m) => `月度报告在该月结束（${m[1]}）后才能固定`],
  [/^The rating closed at (.*)$/, (m) => `评价已于 ${m[1]} 截止`],
  [/^The rating opens at (.*)$/, (m) => `评价将于 ${m[1]} 开始`],
  [/^Voting closed at (.+)$/, (m) => `投票已于 ${m[1]} 截止`],
  [/^Voting opens at (.+)$/, (m) => `投票将于 ${m[1]} 开始`],
  [/^Voting is open until (.+); the result is frozen after voting closes$/, (m) => `投票进行中，截止时间 ${m[1]}；投票截止后才能固定结果`],
  [/^Voting is not yet open until (.+); the result is frozen after voting closes$/, (m) => `投票尚未开始（${m[1]} 开始）；投票截止后才能固定结果`],
  [/^The ballot was withdrawn: (.*)$/s, (m) => `这次表决已撤回：${m[1]}`],
  [/^Campaign (.+) exists; send its rev to edit it$/, (m) => `评价活动 ${m[1]} 已经存在；修改时请提交它的版本号`],
  [/^The (\w+) gate is signed by (.+)$/, (m) => `“${GATE_ZH[m[1]!] ?? m[1]}”环节由 ${m[2]!.split(' or ').map((r) => ROLE_ZH[r] ?? r).join(' 或 ')} 签署`],
  [/^(\d+) paper sheet\(s\) are keyed once or held: (.*)$/s, (m) => `${m[1]} 张纸质票只录入了一次或已暂停：${m[2]!.replace(/ \(held\)/g, '（已暂停）').replace(/ \(waiting for the second keying\)/g, '（待第二次录入）').replace(/; /g, '；')}`],
  [/^This community already evaluated this department in this round \((.+)\)$/, (m) => `本社区已于 ${m[1]} 评价过这个部门`],
  [/^A quarter is frozen after it is over \((.+)\)$/, (m) => `季度结束（${m[1]}）后才能固定考核结果`],
  [/^no such (leader|department|street)$/, (m) => ({ leader: '没有这位领导', department: '没有这个部门', street: '没有这个街道' })[m[1]!]!],
  [/^The round opens at (.+)$/, (m) => `本轮评价将于 ${m[1]} 开始`],
  [/^The round closed at (.+)$/, (m) => `本轮评价已于 ${m[1]} 截止`],
  [/^The ranking is published after the round closes \((.+)\)$/, (m) => `本轮评价截止（${m[1]}）后才能发布排名`],
  [/^This household already rated in this campaign, at (.+)$/, (m) => `本户已于 ${m[1]} 参加了这次评价`],
  [/^submitted at (.+)$/, (m) => `已于 ${m[1]} 提交`],
  [/^This owner already voted \((\w+), at (.+)\); only the first vote counts$/, (m) => `这位业主已于 ${m[2]} 以${CHANNELS[m[1]!] ?? m[1]}方式表决；只计第一次表决`],
  [/^voted (\w+) at (.+)$/, (m) => `已于 ${m[2]} 以${CHANNELS[m[1]!] ?? m[1]}方式表决`],
  [/^Too many attempts; try again in (\d+) minutes$/, (m) => `尝试次数过多，请 ${m[1]} 分钟后再试`],
  [/^Body larger than (\d+) bytes$/, (m) => `提交的内容超过 ${m[1]} 字节`],
  [/^at most (\d+) bytes$/, (m) => `最多 ${m[1]} 字节`],
  [/^at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^at most (\d+)$/, (m) => `最多 ${m[1]}`],
  [/^at least (\d+)$/, (m) => `至少 ${m[1]}`],
  [/^at most (\d+) photos$/, (m) => `最多 ${m[1]} 张照片`],
  [/^larger than (\d+) MB$/, (m) => `超过 ${m[1]} MB`],
  [/^photo (\d+): (.+)$/, (m) => `第 ${m[1]} 张照片${inChinese(m[2]!) ?? m[2]}`],
  [/^at most the ballot's close, (.+)$/, (m) => `不能晚于表决截止时间 ${m[1]}`],
  [/^at most the campaign's close, (.+)$/, (m) => `不能晚于评价活动截止时间 ${m[1]}`],
  [/^attachments (\d+) and (\d+) have the same name (.*)$/s, (m) => `附件 ${m[1]} 和 ${m[2]} 的名称相同：${m[3]}`],
  [/^attachments (\d+) and (\d+) have the same link (.*)$/s, (m) => `附件 ${m[1]} 和 ${m[2]} 的链接相同：${m[3]}`],
  [/^codes for (.+) are (\w+) codes$/, (m) => `${m[1]} 的入户码是${KINDS[m[2]!] ?? m[2]}入户码`],
  [/^no decision on (.+)$/, (m) => `还没有审核 ${m[1]}`],
  [/^(.+) was not nominated$/, (m) => `${m[1]} 没有被提名`],
  [/^(.+) is not a compound of this district$/, (m) => `${m[1]} 不是本区的小区`],
  [/^(.+) is not in register version (\d+)$/, (m) => `${m[1]} 不在第 ${m[2]} 版名册中`],
  [/^not a matter of this ballot \((.*)\)$/, (m) => `不是本次表决的事项（${m[1]}）`],
  [/^one of (.*)$/, (m) => `须为以下之一：${m[1]}`],
  [/^still in the register: (.*)$/, (m) => `仍在名册中：${m[1]}`],
  [/^support at most (\d+) candidates \(the number of seats\), got (\d+)$/, (m) => `最多支持 ${m[1]} 名候选人（委员名额），现在是 ${m[2]} 名`],
  [/^answer each of the (\d+) contract items$/, (m) => `请逐项回答全部 ${m[1]} 个合同服务事项`],
  [/^the compound has no owners' register yet; import one first$/, () => '本小区还没有业主名册，请先导入'],
  [/^no register version (\d+)$/, (m) => `没有第 ${m[1]} 版名册`],
  [/^(.+) is another spelling of (.+)$/, (m) => `“${m[1]}”是本小区“${m[2]}”的另一种写法`],
  [/^write (.+) in the file instead$/, (m) => `请在文件中改写为“${m[1]}”`],
  [/^# \((U\+[0-9A-F]+)\) is not allowed in a building or unit name, at character (\d+) \(write 1号楼, not 1#楼\)$/, (m) => `楼栋和房号中不能有 #（${m[1]}），第 ${m[2]} 个字（请写 1号楼，不要写 1#楼）`],
  [/^(U\+[0-9A-F]+) \((.+)\) is not allowed( in a name)?, at character (\d+)$/, (m) => `不能有${WHAT[m[2]!] ?? m[2]}（${m[1]}），第 ${m[4]} 个字`],
];

/** zod's English (a check made where the reader's language is not known) read in Chinese. */
const ZOD_TYPES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '一组内容', date: '日期' };
const ZOD_FORMATS: Record<string, string> = { 'ISO datetime': '日期和时间格式不正确', 'ISO date': '日期格式不正确', 'ISO time': '时间格式不正确', URL: '须为 http:// 或 https:// 开头的链接', 'email address': '邮箱格式不正确', 'base64-encoded string': '不是 base64 编码' };
PATTERNS.push(
  [/^Too small: expected string to have >=?(\d+) characters$/, (m) => (Number(m[1]) <= 1 ? '必填' : `至少 ${m[1]} 个字`)],
  [/^Too small: expected (?:array|set) to have >=?(\d+) items$/, (m) => `至少 ${m[1]} 项`],
  [/^Too small: expected \w+ to be >=(-?[\d.]+)$/, (m) => `不能小于 ${m[1]}`],
  [/^Too small: expected \w+ to be >(-?[\d.]+)$/, (m) => `须大于 ${m[1]}`],
  [/^Too big: expected string to have <=?(\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^Too big: expected (?:array|set) to have <=?(\d+) items$/, (m) => `最多 ${m[1]} 项`],
  [/^Too big: expected \w+ to have <=?(\d+) bytes$/, (m) => `最多 ${m[1]} 字节`],
  [/^Too big: expected \w+ to be <=(-?[\d.]+)$/, (m) => `不能大于 ${m[1]}`],
  [/^Too big: expected \w+ to be <(-?[\d.]+)$/, (m) => `须小于 ${m[1]}`],
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, () => '必填'],
  [/^Invalid input: expected (\w+), received \w+$/, (m) => `须为${ZOD_TYPES[m[1]!] ?? '正确的内容'}`],
  [/^Invalid option: expected one of (.*)$/, (m) => `须为以下之一：${m[1]!.replace(/"/g, '').split('|').join('、')}`],
  [/^Invalid input: expected (.*)$/, (m) => `须为 ${m[1]!.replace(/"/g, '')}`],
  [/^Invalid string: must match pattern .*$/s, () => '格式不正确'],
  [/^Invalid (ISO datetime|ISO date|ISO time|URL|email address|base64-encoded string)$/, (m) => ZOD_FORMATS[m[1]!]!],
  [/^Invalid number: must be a multiple of (.+)$/, (m) => `须为 ${m[1]} 的倍数`],
  [/^Unrecognized keys?: (.*)$/, (m) => `不认识的内容：${m[1]!.replace(/"/g, '')}`],
  [/^Invalid (?:input|key in \w+|value in \w+|discriminator value.*)$/s, () => '内容不正确'],
);

/** A register problem as the commit refusal gives it ("duplicate_unit: Unit 1号楼 101 already appears on line 2"). */
function registerProblem(code: string, english: string): string {
  const zh = REGISTER_ISSUE_ZH[code];
  if (!zh) return `${code}：${inChinese(english) ?? english}`;
  const building = english.match(/^Building (.+) is not in this compound/);
  if (building) return `${zh}：${building[1]}`;
  const unit = english.match(/^Unit (.+) already appears on line (\d+)$/);
  if (unit) return `${zh}：${unit[1]}，第 ${unit[2]} 行已有`;
  return zh;
}

const GATE_ZH: Record<string, string> = { survey: '摸底', preparatory: '筹备组', nominations: '提名', review: '审核', organize: '组织选举' };
const ROLE_ZH: Record<string, string> = { committee: '业委会', community_staff: '社区工作人员', street_staff: '街道工作人员', district_admin: '区管理员', department: '部门', dispatcher: '热线派单员' };

/** The Chinese for one English refusal or reason, or null when there is none. */
export function inChinese(english: string): string | null {
  if (Object.hasOwn(EXACT, english)) return EXACT[english]!;
  for (const [pattern, say] of PATTERNS) {
    const m = english.match(pattern);
    if (m) return say(m);
  }
  return null;
}

/**
 * A refusal as a person reads it: in Chinese when there is a translation (English otherwise,
 * never nothing), with every instant in Beijing time.
 */
export function sayRefusal(english: string, lang: Lang): string {
  const text = lang === 'zh' ? (inChinese(english) ?? english) : english;
  return withBeijingTimes(text, lang);
}
