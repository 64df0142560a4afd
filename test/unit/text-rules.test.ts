// Names and texts in the shared schemas: trimmed, NFC, and no invisible or control
// characters (so two buildings, candidates or matters cannot look alike and differ).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as text from '../../shared/text.ts';
import { refusedCharacter } from '../../shared/text-rules.ts';
import { CompanyBody, CompoundBody } from '../../shared/registry/schemas.ts';
import { PurposeSchema, RevokeCodeBody } from '../../shared/auth-schemas.ts';
import { CampaignBody, ExcludeBody } from '../../shared/ratings/schemas.ts';
import { RatingSubmissionBody } from '../../shared/ratings/submission.ts';
import { BallotBody, GateBodies, MatterBody, PaperEntryBody, ProxyBody } from '../../shared/votes/schemas.ts';

type Parse = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { code: string; path: PropertyKey[]; message: string }[] } } };

/** The issues a 400 would carry for this body: path and reason. */
function issues(schema: Parse, body: unknown) {
  const r = schema.safeParse(body);
  expect(r.success, JSON.stringify(body)).toBe(false);
  return r.error!.issues;
}
function parsed<T>(schema: Parse, body: T): T {
  const r = schema.safeParse(body);
  expect(r.error?.issues ?? [], JSON.stringify(body)).toEqual([]);
  return r.data as T;
}

const compound = { name: '海韵花园', address: '青岛市市南区香港中路 1 号', communityId: 'c001', buildings: ['1号楼', '2号楼'] };
const matter = { id: 'm1', kind: 'ordinary', title: '更换电梯', text: '更换 1 号楼的两部电梯，费用由维修资金列支。', attachments: [] as { name: string; url: string }[] };
const ballot = { title: '2026 年业主大会', matters: [matter], opensAt: '2026-05-01T08:00:00+08:00', closesAt: '2026-05-20T20:00:00+08:00' };
const proxy = { building: '1号楼', unit: '1-101', proxyName: '张三', proxyIdTail: '12345X', documentRef: 'WT-001' };
const rating = { idempotencyKey: 'abcdefghijklmnop', questionsRev: 1, contract: [], scores: { service: 4 }, overall: 'satisfied' };

/** Every refused class, inside a value that is otherwise fine. */
const REFUSED: [string, string, string][] = [
  ['bidi override', '\u202E', 'U+202E'],
  ['bidi embedding', '\u202A', 'U+202A'],
  ['bidi isolate', '\u2066', 'U+2066'],
  ['pop directional isolate', '\u2069', 'U+2069'],
  ['right-to-left mark', '\u200F', 'U+200F'],
  ['zero-width space', '\u200B', 'U+200B'],
  ['zero-width joiner', '\u200D', 'U+200D'],
  ['word joiner', '\u2060', 'U+2060'],
  ['zero-width no-break space (BOM)', '\uFEFF', 'U+FEFF'],
  ['NUL', '\u0000', 'U+0000'],
  ['C0 control (bell)', '\u0007', 'U+0007'],
  ['C0 control (escape)', '\u001B', 'U+001B'],
  ['DEL', '\u007F', 'U+007F'],
  ['C1 control', '\u0090', 'U+0090'],
  ['soft hyphen (other Cf)', '\u00AD', 'U+00AD'],
  ['lone high surrogate', '\uD800', 'U+D800'],
  ['lone low surrogate', '\uDC00', 'U+DC00'],
  ['Hangul filler (draws nothing)', '\u3164', 'U+3164'],
  ['Hangul choseong filler', '\u115F', 'U+115F'],
  ['halfwidth Hangul filler', '\uFFA0', 'U+FFA0'],
  ['braille blank', '\u2800', 'U+2800'],
];
const LINE_BREAKS: [string, string, string][] = [
  ['line feed', '\n', 'U+000A'],
  ['carriage return', '\r', 'U+000D'],
  ['vertical tab', '\v', 'U+000B'],
  ['next line', '\u0085', 'U+0085'],
  ['line separator', '\u2028', 'U+2028'],
  ['paragraph separator', '\u2029', 'U+2029'],
];

describe('names refuse invisible and control characters', () => {
  describe.each([...REFUSED, ...LINE_BREAKS])('%s', (_label, char, codePoint) => {
    const only = (list: { path: PropertyKey[]; message: string; code: string }[], path: PropertyKey[]) => {
      const hit = list.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
      expect(hit.map((i) => i.code)).toContain('custom');
      expect(hit.map((i) => i.message).join(' ')).toContain(codePoint);
      return hit;
    };

    it('in a compound name, its building names and a company name', () => {
      only(issues(CompoundBody, { ...compound, name: `海韵${char}花园` }), ['name']);
      only(issues(CompoundBody, { ...compound, buildings: ['1号楼', `2${char}号楼`] }), ['buildings', 1]);
      only(issues(CompanyBody, { name: `青岛${char}物业有限公司` }), ['name']);
    });

    it('in building and unit fields, a candidate\'s name and a proxy\'s name', () => {
      only(issues(ProxyBody, { ...proxy, unit: `1-1${char}01` }), ['unit']);
      only(issues(ProxyBody, { ...proxy, proxyName: `张${char}三` }), ['proxyName']);
      only(issues(PaperEntryBody, { building: `1号${char}楼`, unit: '1-101', sheetNo: 'A1', choices: {} }), ['building']);
      only(issues(RevokeCodeBody, { purposeId: 'r2026', building: '1号楼', unit: `1${char}01` }), ['unit']);
      only(issues(ExcludeBody, { building: `1${char}号楼`, unit: '1-101', reason: '重复提交的记录' }), ['building']);
      const candidate = { id: 'c1', name: `李${char}四`, building: '1号楼', unit: '1-101', bio: '热心公益，从事物业管理十年。', nominatedBy: '业主联名' };
      only(issues(GateBodies.nominations, { candidates: [candidate] }), ['candidates', 0, 'name']);
    });

    it('in ballot, matter, campaign and letter titles', () => {
      only(issues(BallotBody, { ...ballot, title: `2026${char} 年业主大会` }), ['title']);
      only(issues(BallotBody, { ...ballot, matters: [{ ...matter, title: `更换${char}电梯` }] }), ['matters', 0, 'title']);
      only(issues(PurposeSchema, { kind: 'rating', id: 'r2026', title: `物业${char}服务评价` }), ['title']);
      const campaign = { title: `2026 年${char}物业评价`, period: '2026年下半年', issuer: '市南区住建局', templateId: 'standard', opensAt: '2026-05-01T08:00:00+08:00', closesAt: '2026-05-20T20:00:00+08:00', compoundIds: ['p0001'] };
      only(issues(CampaignBody, campaign), ['title']);
    });
  });

  describe.each(REFUSED)('%s in multi-line text', (_label, char, codePoint) => {
    it('is refused too', () => {
      const hit = issues(MatterBody, { ...matter, text: `第一行${char}\n第二行说明更换电梯的费用。` }).filter((i) => i.path.join('.') === 'text');
      expect(hit.map((i) => i.message).join(' ')).toContain(codePoint);
      const mini = issues(RatingSubmissionBody, { ...rating, suggestion: `电梯${char}常坏` }).filter((i) => i.path.join('.') === 'suggestion');
      expect(mini.map((i) => i.message).join(' ')).toContain(codePoint);
    });
  });

  it('multi-line text keeps \\n, turns \\r\\n into \\n, and refuses a lone \\r or U+2028', () => {
    expect(parsed(MatterBody, { ...matter, text: '第一行：更换电梯。\r\n第二行：费用。' }).text).toBe('第一行：更换电梯。\n第二行：费用。');
    expect(parsed(RatingSubmissionBody, { ...rating, suggestion: ' 电梯\n常坏 ' }).suggestion).toBe('电梯\n常坏');
    expect(issues(MatterBody, { ...matter, text: '第一行：更换电梯。\r第二行：费用。' })[0]!.message).toContain('U+000D');
    expect(issues(MatterBody, { ...matter, text: '第一行：更换电梯。\u2028第二行：费用。' })[0]!.message).toContain('U+2028');
  });

  it('the message names the character, its class and where it is', () => {
    expect(issues(CompoundBody, { ...compound, name: '海韵\u202E花园' })[0]!.message).toBe('U+202E (a bidi control) is not allowed in a name, at character 3');
    expect(refusedCharacter('ab\uD83D', 'name')?.message).toBe('U+D83D (a lone surrogate) is not allowed in a name, at character 3');
    // A surrogate pair is one character, and allowed.
    expect(refusedCharacter('楼\uD83D\uDE00', 'name')).toBeNull();
  });
});

describe('# in building and unit names', () => {
  it('is refused wherever a building or unit is named, with the field', () => {
    const msg = (list: { path: PropertyKey[]; message: string }[], path: string) => list.find((i) => i.path.join('.') === path)?.message;
    expect(msg(issues(CompoundBody, { ...compound, buildings: ['1#楼'] }), 'buildings.0')).toContain('U+0023');
    expect(msg(issues(ProxyBody, { ...proxy, building: 'a#b' }), 'building')).toContain('#');
    expect(msg(issues(ProxyBody, { ...proxy, unit: 'b#c' }), 'unit')).toContain('#');
    expect(msg(issues(RevokeCodeBody, { purposeId: 'r2026', building: '1#', unit: '101' }), 'building')).toContain('#');
    expect(msg(issues(ExcludeBody, { building: '1号楼', unit: '1#101', reason: '重复提交的记录' }), 'unit')).toContain('#');
  });

  it('is allowed in other names and texts', () => {
    expect(parsed(CompanyBody, { name: '青岛#1物业公司' }).name).toBe('青岛#1物业公司');
    expect(parsed(MatterBody, { ...matter, text: '更换 1#楼 的两部电梯，费用由维修资金列支。' }).text).toContain('#');
  });
});

describe('NFC', () => {
  it('makes composed and decomposed forms the same name', () => {
    const composed = parsed(CompanyBody, { name: 'Caf\u00E9 物业公司' }).name;
    const decomposed = parsed(CompanyBody, { name: 'Cafe\u0301 物业公司' }).name;
    expect(decomposed).toBe(composed);
    expect(parsed(ProxyBody, { ...proxy, proxyName: '\u1100\u1161\u11A8\u1100\u1161\u11A8' }).proxyName).toBe('\uAC01\uAC01');
    // Lengths are counted after NFC: three jamo are one syllable, too short for a name of 2.
    expect(issues(ProxyBody, { ...proxy, proxyName: '\u1100\u1161\u11A8' }).map((i) => i.code)).toEqual(['too_small']);
  });

  it('so two buildings that only differ in composition are one name twice', () => {
    expect(issues(CompoundBody, { ...compound, buildings: ['\u00C5栋', 'A\u030A栋'] }).map((i) => i.message)).toContain('building names must be unique');
  });

  it('and values are trimmed', () => {
    expect(parsed(CompoundBody, { ...compound, name: '  海韵花园 \t' }).name).toBe('海韵花园');
    expect(parsed(ProxyBody, { ...proxy, building: ' 1号楼\n' }).building).toBe('1号楼');
  });
});

// Any string: either refused, or clean (one builder, on zod/mini, for staff and resident schemas alike).
const nasty = fc.constantFrom('a', '楼', '号', 'e', '\u0301', 'A', '\u030A', '\u00C5', ' ', '\t', '\n', '\r', '#', '\u0000', '\u0007', '\u0085', '\u0090',
  '\u00AD', '\u200B', '\u200D', '\u200F', '\u202E', '\u2066', '\u2028', '\u2060', '\uFEFF', '\u3000', '\uD83D', '\uDE00', '\uD800', '\uDC00', '\uFFFF');
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: nasty, maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const CcCf = /[\p{Cc}\p{Cf}]/u;

describe.each([
  ['name', text.name(0, 40), false],
  ['text', text.text(0, 40), true],
  ['keyName', text.keyName(0, 40), false],
] as const)('%s over arbitrary strings', (kind, full, multiline) => {
  it('refuses, or gives a trimmed NFC value without Cc/Cf (but \\n in text), lone surrogates or line separators', () => {
    fc.assert(fc.property(anyString, (s) => {
      const r = full.safeParse(s);
      if (!r.success) return;
      const out = r.data;
      expect(out).toBe(out.trim());
      expect(out).toBe(out.normalize('NFC'));
      expect(/\p{Cs}/u.test(out)).toBe(false);
      expect(/[\u2028\u2029]/.test(out)).toBe(false);
      expect(CcCf.test(multiline ? out.replaceAll('\n', '') : out)).toBe(false);
      if (kind === 'keyName') expect(out.includes('#')).toBe(false);
      expect(out.length).toBeLessThanOrEqual(40);
      // A clean value passes again unchanged.
      expect(full.parse(out)).toBe(out);
    }), { numRuns: 2000 });
  });
});

describe('matter attachments', () => {
  const a = (name: string, url: string) => ({ name, url });
  const onAttachments = (body: unknown) => issues(BallotBody, body).filter((i) => i.path.join('.') === 'matters.0.attachments').map((i) => i.message);

  it('accepts up to 10 with distinct links and names', () => {
    const ten = Array.from({ length: 10 }, (_, i) => a(`附件${i + 1}`, `https://docs.example.cn/${i + 1}.pdf`));
    expect(parsed(MatterBody, { ...matter, attachments: ten }).attachments).toHaveLength(10);
  });

  it('refuses the same link twice, on the attachments field, naming the link', () => {
    const body = { ...ballot, matters: [{ ...matter, attachments: [a('方案', 'https://docs.example.cn/a.pdf'), a('报价', 'https://docs.example.cn/b.pdf'), a('方案全文', 'https://docs.example.cn/a.pdf')] }] };
    expect(onAttachments(body)).toEqual(['attachments 1 and 3 have the same link https://docs.example.cn/a.pdf']);
  });

  it('counts links the browser resolves alike as the same link', () => {
    const messages = issues(MatterBody, { ...matter, attachments: [a('方案', 'https://docs.example.cn/a.pdf'), a('报价', 'HTTPS://DOCS.example.cn/a.pdf')] })
      .filter((i) => i.path.join('.') === 'attachments').map((i) => i.message);
    expect(messages).toEqual(['attachments 1 and 2 have the same link HTTPS://DOCS.example.cn/a.pdf']);
  });

  it('refuses the same name twice, naming it (after trimming and NFC)', () => {
    const body = { ...ballot, matters: [{ ...matter, attachments: [a('方案', 'https://docs.example.cn/a.pdf'), a(' 方案 ', 'https://docs.example.cn/b.pdf')] }] };
    expect(onAttachments(body)).toEqual(['attachments 1 and 2 have the same name 方案']);
  });

  it('refuses more than 10', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => a(`附件${i + 1}`, `https://docs.example.cn/${i + 1}.pdf`));
    expect(onAttachments({ ...ballot, matters: [{ ...matter, attachments: eleven }] })).toContain('at most 10 attachments');
  });
});
