// The district admin's words for the settings of appeals.
import { words } from '../lib/i18n.svelte.ts';

export const sw = words({
  done: '完成', editRuleN: '修改规则 {n}', removeRuleN: '删除规则 {n}', tab: '设置', title: '诉求设置（仅区管理员）', departments: '区直部门', departmentForm: '新增或修改部门', departmentId: '部门编号（小写字母、数字和 -，如 dep-jiaoyu）', departmentName: '部门名称', platformCode: '12345 平台单位编码', saveDepartment: '保存部门', edit: '修改',
  idRule: '部门编号为 2–48 位小写字母、数字或 -，以字母或数字开头', saved: '已保存',
  categories: '诉求分类', categoriesHelp: '编码供系统使用（小写字母、数字和 -）；名称给居民和工作人员看；别名填 12345 平台使用的分类名称，用逗号分隔。', categoryN: '分类 {n}', code: '编码', name: '名称', aliases: '12345 平台别名',
  addCategory: '新增分类', remove: '删除', confirmRemoveCategory: '删除分类“{name}”？使用它的 {n} 条派单规则也会删除。保存后生效。', confirmRemoveRule: '删除第 {n} 条派单规则？保存后生效。',
  rules: '派单规则', rulesHelp: '按分类和地点建议承办单位：越具体的规则越优先（小区 > 社区 > 街道 > 全区）。热线中心派单时可以改选。', ruleN: '规则 {n}', category: '分类', anyCategory: '所有分类', where: '适用地点', anywhere: '全区',
  kind_street: '街道', kind_community: '社区', kind_department: '部门', compoundId: '小区编号', unit: '承办单位', addRule: '新增规则', saveRouting: '保存分类和规则', saving: '正在保存…', lastSaved: '上次保存：{at}（第 {rev} 版）',
  staleHint: '请刷新页面后重新修改。',
  webhookKey: '12345 平台签名密钥', webhookHelp: '平台推送工单和接收反馈都用这个密钥签名。更换后新密钥只显示一次，请交给平台方；旧密钥继续有效 24 小时，便于平台切换。',
  rotate: '更换密钥', confirmRotate: '更换 12345 平台签名密钥？新密钥只显示一次；旧密钥 24 小时后失效，平台须在此之前改用新密钥。', newKey: '新密钥（只显示这一次，请立即复制交给平台方）：', previousUntil: '旧密钥有效至 {at}',
  open311: 'Open311 API 密钥', open311Help: '给使用 Open311 GeoReport v2 提交诉求的应用（如第三方 App）发放密钥。密钥只显示一次。', clientName: '应用名称', issue: '发放密钥', issuedFor: '“{name}”的密钥（只显示这一次）：',
}, {
  done: 'Done', editRuleN: 'Edit rule {n}', removeRuleN: 'Remove rule {n}', tab: 'Settings', title: 'Appeal settings (district admin only)', departments: 'District departments', departmentForm: 'Add or change a department', departmentId: 'Department id (lowercase letters, digits and -, e.g. dep-education)', departmentName: 'Department name', platformCode: '12345 platform unit code', saveDepartment: 'Save department', edit: 'Edit',
  idRule: 'A department id has 2 to 48 lowercase letters, digits or -, starting with a letter or digit', saved: 'Saved',
  categories: 'Categories', categoriesHelp: 'The code is for the system (lowercase letters, digits and -); the name is what residents and staff read; aliases are the 12345 platform’s names for it, comma-separated.', categoryN: 'Category {n}', code: 'Code', name: 'Name', aliases: '12345 platform aliases',
  addCategory: 'Add a category', remove: 'Remove', confirmRemoveCategory: 'Remove the category “{name}”? The {n} routing rules that use it go too. Takes effect when saved.', confirmRemoveRule: 'Remove rule {n}? Takes effect when saved.',
  rules: 'Routing rules', rulesHelp: 'Suggest the unit in charge by category and place: the most specific rule wins (compound > community > street > district). The hotline centre can choose another when dispatching.', ruleN: 'Rule {n}', category: 'Category', anyCategory: 'Any category', where: 'Place', anywhere: 'Whole district',
  kind_street: 'Street', kind_community: 'Community', kind_department: 'Department', compoundId: 'Compound id', unit: 'Unit in charge', addRule: 'Add a rule', saveRouting: 'Save categories and rules', saving: 'Saving…', lastSaved: 'Last saved {at} (revision {rev})',
  staleHint: 'Reload the page and make the change again.',
  webhookKey: '12345 platform signing key', webhookHelp: 'The platform signs the work orders it sends and checks the feedback with this key. A new key is shown once: give it to the platform; the old one stays valid for 24 hours while they switch.',
  rotate: 'Make a new key', confirmRotate: 'Make a new 12345 signing key? It is shown once; the old key stops working in 24 hours, so the platform must switch before then.', newKey: 'New key (shown this once: copy it for the platform now):', previousUntil: 'The old key works until {at}',
  open311: 'Open311 API keys', open311Help: 'Keys for applications that file appeals through Open311 GeoReport v2 (third-party apps). A key is shown once.', clientName: 'Application name', issue: 'Issue a key', issuedFor: 'Key for “{name}” (shown this once):',
});
