// zod's rules in the plain Chinese a form shows under a field ("至少 4 个字"), for the pages and
// for the functions' 400s to a zh-CN reader. zod's own zh-CN locale speaks of types
// ("期望 string >=4 字符"), which a community worker cannot act on.
import type * as z from 'zod/mini';

const TYPES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '一组内容', date: '日期', bigint: '整数' };
const FORMATS: Record<string, string> = {
  datetime: '日期和时间格式不正确', date: '日期格式不正确', time: '时间格式不正确', url: '须为 http:// 或 https:// 开头的链接', email: '邮箱格式不正确',
  regex: '格式不正确', base64: '不是 base64 编码', uuid: '格式不正确',
};

type Issue = z.core.$ZodRawIssue;

export function chineseIssue(issue: Issue): string {
  const i = issue as Issue & { expected?: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; format?: string; values?: unknown[]; keys?: string[]; divisor?: number };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined || i.input === null ? '必填' : `须为${TYPES[i.expected ?? ''] ?? '正确的内容'}`;
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'string') return n <= 1 ? '必填' : `至少 ${n} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `至少 ${n} 项`;
      return i.inclusive === false ? `须大于 ${n}` : `不能小于 ${n}`;
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'string') return `最多 ${n} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${n} 项`;
      return i.inclusive === false ? `须小于 ${n}` : `不能大于 ${n}`;
    }
    case 'invalid_format':
      return FORMATS[i.format ?? ''] ?? '格式不正确';
    case 'invalid_value':
      return `须为以下之一：${(i.values ?? []).map(String).join('、')}`;
    case 'not_multiple_of':
      return `须为 ${i.divisor} 的倍数`;
    case 'unrecognized_keys':
      return `不认识的内容：${(i.keys ?? []).join('、')}`;
    default:
      return '内容不正确';
  }
}
