// Refusals in the reader's language: every refusal and reason the functions and schemas write
// has its Chinese, and instants read in Beijing time in either language.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beijingTime, inChinese, langOf, sayRefusal } from '../../shared/refusal-words.ts';

const ROOT = join(import.meta.dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const QUOTED = String.raw`'((?:[^'\\]|\\.)*)'`;
/** Where a refusal or a rule's message is written as a plain string. */
const SITES = [
  new RegExp(String.raw`new (?:BadRequest|Conflict|Forbidden|Unauthorized)\(${QUOTED}`, 'g'),
  // A 404 names its thing alone: new NotFound('Ballot') says "Ballot not found".
  new RegExp(String.raw`new NotFound\(${QUOTED}(?=\))`, 'g'),
  new RegExp(String.raw`\breason: ${QUOTED}`, 'g'),
  new RegExp(String.raw`\bmessage: ${QUOTED}`, 'g'),
  new RegExp(String.raw`\b(?:min|max): ${QUOTED}`, 'g'),
  new RegExp(String.raw`z\.(?:regex|refine|maxLength|minLength|minimum|maximum)\((?:[^()]|\([^()]*\))*?, ${QUOTED}\)`, 'g'),
];
const IGNORED = new Set(['', 'Internal Server Error', 'Not Found', 'Unauthorized', 'Request Entity Too Large', 'missing', 'not_a_number', 'too_precise', 'not_positive', 'too_large', 'no_role', 'no_scope', 'several_roles', 'unknown_role']);

/** Every quoted string inside the arguments of a refusal (a ternary's two messages, too). */
const REFUSAL_ARGS = /new (?:BadRequest|Conflict|Forbidden|Unauthorized)\(((?:[^;]|;(?!\n))*?)\);?\n/g;

describe('refusals in Chinese', () => {
  const found = new Map<string, string>();
  for (const file of [...sources(join(ROOT, 'functions')), ...sources(join(ROOT, 'shared'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(REFUSAL_ARGS)) {
      for (const q of m[1]!.matchAll(new RegExp(QUOTED, 'g'))) {
        const literal = q[1]!.replace(/\\'/g, "'");
        // A message: a sentence with a capital (codes and paths are for programs; a piece of
        // a template literal is covered by the examples below).
        if (/^[A-Z][^`$]* [^`$]*[a-z.)]$/.test(literal) && !literal.includes("', ")) found.set(literal, file.slice(ROOT.length + 1));
      }
    }
    for (const site of SITES) {
      const notFound = site.source.startsWith('new NotFound');
      for (const m of text.matchAll(site)) found.set(m[1]!.replace(/\\'/g, "'") + (notFound ? ' not found' : ''), file.slice(ROOT.length + 1));
    }
  }

  it('has the Chinese of every refusal, reason and rule written as a plain string', () => {
    expect(found.size).toBeGreaterThan(100);
    const missing = [...found].filter(([en]) => !IGNORED.has(en) && !/^[a-z_]+$/.test(en) && inChinese(en) === null).map(([en, file]) => `${file}: ${en}`);
    expect(missing).toEqual([]);
  });

  it('says the refusals built from values in Chinese, with no English left in them', () => {
    const examples: [string, string][] = [
      ['Matters are announced at least 15 days before voting opens', '表决事项须在投票开始 15 日前公告'],
      ["at the earliest 2026-12-18T00:00:00.000Z (15 days from today's announcement)", '最早 2026-12-18 08:00（北京时间）（自今天公告起 15 日）'],
      ['Voting opens at 2026-12-18T00:00:00.000Z', '投票将于 2026-12-18 08:00（北京时间） 开始'],
      ['Ballot not found', '没有找到表决'],
      ['U+202E (a bidi control) is not allowed in a name, at character 3', '不能有文字方向控制符（U+202E），第 3 个字'],
      ['# (U+0023) is not allowed in a building or unit name, at character 2 (write 1号楼, not 1#楼)', '楼栋和房号中不能有 #（U+0023），第 2 个字（请写 1号楼，不要写 1#楼）'],
      ['The survey gate is signed by community_staff or street_staff or district_admin', '“摸底”环节由 社区工作人员 或 街道工作人员 或 区管理员 签署'],
      ['2 paper sheet(s) are keyed once or held: 1号楼 101 (held); 2号楼 202 (waiting for the second keying)', '2 张纸质票只录入了一次或已暂停：1号楼 101（已暂停）；2号楼 202（待第二次录入）'],
      ['This owner already voted (paper, at 2026-12-18T02:00:00Z); only the first vote counts', '这位业主已于 2026-12-18 10:00（北京时间） 以纸质票方式表决；只计第一次表决'],
      ['Too many attempts; try again in 15 minutes', '尝试次数过多，请 15 分钟后再试'],
      ['attachments 1 and 2 have the same link https://a.cn/x', '附件 1 和 2 的链接相同：https://a.cn/x'],
      // Found by the attack on the running district: refusals assembled from values.
      ['The register has 3 errors; nothing was written', '名册有 3 处问题，未写入任何数据'],
      ['duplicate_unit: Unit 1号楼 101 already appears on line 2', '房号重复：1号楼 101，第 2 行已有'],
      ['building_unknown: Building 新1号楼 is not in this compound', '楼栋不在本小区：新1号楼'],
      ['Gates are passed in order: next is preparatory', '各环节须按顺序签署：下一个是“筹备组”'],
      ['the number of seats must be odd, got 6', '委员人数须为单数，现在是 6'],
      ['the district allows 5 to 11 seats, got 3', '本区规定委员 5 到 11 人，现在是 3'],
      ['1号楼 is another spelling of 1栋', '“1号楼”是本小区“1栋”的另一种写法'],
      // A reason a committee typed that ends in "not found" is not a 404.
      ['The ballot was withdrawn: 附件 not found', '这次表决已撤回：附件 not found'],
    ];
    for (const [en, zh] of examples) expect(sayRefusal(en, 'zh')).toBe(zh);
  });

  it('reads zod\'s own English rules in plain Chinese, whatever the schema', async () => {
    const z = await import('zod/mini');
    await import('../../shared/zod-en.ts');
    const { chineseIssue } = await import('../../shared/zod-zh.ts');
    const schema = z.object({
      name: z.string().check(z.minLength(4), z.maxLength(6)), n: z.number().check(z.int(), z.minimum(1), z.maximum(5)), list: z.array(z.string()).check(z.minLength(1)),
      at: z.iso.datetime({ offset: true }), url: z.url(), kind: z.enum(['ordinary', 'special']), missing: z.string(), tag: z.string().check(z.regex(/^[a-z]+$/)),
    });
    for (const input of [{ name: 'ab', n: 0, list: [], at: 'x', url: 'x', kind: 'x', tag: 'A' }, { name: 'abcdefgh', n: 2.5, at: 1 }, { n: 9, missing: 3 }]) {
      const result = z.safeParse(schema, input);
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) {
        // The English each rule says through the functions' global locale reads as Chinese…
        const zh = inChinese(issue.message);
        expect(zh, issue.message).not.toBeNull();
        expect(englishIn(zh!), issue.message).toEqual([]);
      }
      // …and the per-request Chinese map says the same kind of thing without any English.
      const zh = z.safeParse(schema, input, { error: (i) => chineseIssue(i) });
      for (const issue of zh.error!.issues) expect(englishIn(issue.message), issue.message).toEqual([]);
    }
  });

  it('reads instants in Beijing time in English too, and leaves other English as written', () => {
    expect(sayRefusal('Voting opens at 2026-12-18T00:00:00.000Z', 'en')).toBe('Voting opens at 2026-12-18 08:00 Beijing time');
    expect(sayRefusal('The result is frozen', 'en')).toBe('The result is frozen');
    // An unknown refusal stays readable (English) rather than vanish; a prototype key is not a translation.
    expect(sayRefusal('constructor', 'zh')).toBe('constructor');
    expect(sayRefusal('Something new', 'zh')).toBe('Something new');
  });

  it('turns any instant into the Beijing wall clock, across midnight and the year', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      const shown = beijingTime(d.toISOString());
      expect(Date.parse(`${shown.replace(' ', 'T')}:00+08:00`)).toBe(Math.floor(d.getTime() / 60_000) * 60_000);
    }));
  });

  it('answers in Chinese only when Chinese is the first preference', () => {
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langOf('zh')).toBe('zh');
    expect(langOf('en-US,zh-CN;q=0.9')).toBe('en');
    expect(langOf(undefined)).toBe('en');
    expect(langOf('zhx')).toBe('en');
    // q-values decide, not the order alone (found by the attack): Chinese least preferred is not Chinese.
    expect(langOf('zh;q=0.1,en')).toBe('en');
    expect(langOf('en;q=0.5,zh-CN;q=0.9')).toBe('zh');
    expect(langOf('zh-TW')).toBe('zh');
    expect(langOf('zh;q=0,en;q=0.1')).toBe('en');
    expect(langOf('zh-CN;Q=0.1, en;q=0.9')).toBe('en');
    expect(langOf('zh_CN')).toBe('zh');
    expect(langOf(`${'x,'.repeat(5000)}zh`)).toBe('en');
  });
});

/** English words left in a Chinese text, besides a link's scheme and the values a rule lists. */
function englishIn(text: string): string[] {
  return text.replace(/https?|ordinary|special/g, '').match(/[A-Za-z]{2,}/g) ?? [];
}
