// The quarterly assessment of communities by class (分类考核): the district declares the aspects,
// the classes, the indicators (with their targets per class and where their values come from)
// and the weight of the cross review. The defaults follow Shinan's scheme (three aspects, three
// classes, nine indicators); a district may replace them in its config (checked at synth).

/** Where an indicator's value comes from: read from stored records at the quarter's end, or entered with evidence. */
export const SOURCES = [
  'appeals.response', 'appeals.resolution', 'appeals.satisfaction',
  'ratings.participation', 'ratings.satisfaction',
  'committees.formation',
  'projects.done', 'teams.callouts',
  'manual',
] as const;
export type Source = (typeof SOURCES)[number];

export const UNITS = ['permille', 'count', 'hours'] as const;
export type IndicatorUnit = (typeof UNITS)[number];

export interface Indicator {
  code: string;
  name: string;
  nameEn?: string;
  aspect: string;
  unit: IndicatorUnit;
  /** 'higher' is better (a rate), or 'lower' (a count of problems). */
  direction: 'higher' | 'lower';
  /** Points out of 100 (with the cross review's). */
  weight: number;
  /** The target per class, in the indicator's unit (permille for rates). */
  targets: Record<string, number>;
  source: Source;
}

export interface AssessmentConfig {
  aspects: { code: string; name: string; nameEn?: string }[];
  classes: { code: string; name: string; nameEn?: string }[];
  indicators: Indicator[];
  /** The cross review's points out of 100; its score is the trimmed mean of the class's scores (0–100). */
  crossReviewWeight: number;
  /** The share trimmed from each end of the cross-review scores (at least one each when three or more). */
  trimFraction: number;
}

const t = (a: number, b: number, c: number) => ({ 强基: a, 创优: b, 示范: c });

export const DEFAULT_ASSESSMENT: AssessmentConfig = {
  aspects: [{ code: 'party', name: '抓党建', nameEn: 'Party building' }, { code: 'governance', name: '抓治理', nameEn: 'Governance' }, { code: 'service', name: '抓服务', nameEn: 'Service' }],
  classes: [{ code: '强基', name: '强基', nameEn: 'Foundation' }, { code: '创优', name: '创优', nameEn: 'Excellence' }, { code: '示范', name: '示范', nameEn: 'Model' }],
  indicators: [
    { code: 'partycover', name: '小区党组织覆盖率', nameEn: 'Compounds with a party organisation', aspect: 'party', unit: 'permille', direction: 'higher', weight: 10, targets: t(600, 800, 950), source: 'manual' },
    { code: 'projects', name: '共建项目完成数', nameEn: 'Joint projects done', aspect: 'party', unit: 'count', direction: 'higher', weight: 10, targets: t(1, 2, 3), source: 'projects.done' },
    { code: 'callouts', name: '突击队调用响应率', nameEn: 'Shock-team call-outs answered', aspect: 'party', unit: 'permille', direction: 'higher', weight: 10, targets: t(900, 950, 1000), source: 'teams.callouts' },
    { code: 'committees', name: '业委会组建率', nameEn: 'Owners\' committees formed', aspect: 'governance', unit: 'permille', direction: 'higher', weight: 10, targets: t(300, 500, 700), source: 'committees.formation' },
    { code: 'ratingjoin', name: '物业评价参评率', nameEn: 'Property rating participation', aspect: 'governance', unit: 'permille', direction: 'higher', weight: 10, targets: t(300, 400, 500), source: 'ratings.participation' },
    { code: 'ratingsat', name: '物业服务满意率', nameEn: 'Property service satisfaction', aspect: 'governance', unit: 'permille', direction: 'higher', weight: 10, targets: t(800, 850, 900), source: 'ratings.satisfaction' },
    { code: 'response', name: '诉求响应率', nameEn: 'Appeal response rate', aspect: 'service', unit: 'permille', direction: 'higher', weight: 10, targets: t(950, 980, 990), source: 'appeals.response' },
    { code: 'resolution', name: '诉求解决率', nameEn: 'Appeal resolution rate', aspect: 'service', unit: 'permille', direction: 'higher', weight: 10, targets: t(850, 900, 950), source: 'appeals.resolution' },
    { code: 'appealsat', name: '诉求满意率', nameEn: 'Appeal satisfaction rate', aspect: 'service', unit: 'permille', direction: 'higher', weight: 10, targets: t(850, 900, 950), source: 'appeals.satisfaction' },
  ],
  crossReviewWeight: 10,
  trimFraction: 0.1,
};

/** What is wrong with a district's assessment config, in words for the person deploying it. */
export function assessmentProblems(c: AssessmentConfig): string[] {
  const p: string[] = [];
  const aspects = new Set(c.aspects.map((a) => a.code));
  const classes = c.classes.map((x) => x.code);
  if (!classes.length) p.push('assessment.classes must name at least one class');
  if (new Set(classes).size !== classes.length) p.push('assessment.classes must not repeat a class');
  const codes = new Set<string>();
  for (const [i, ind] of c.indicators.entries()) {
    const at = `assessment.indicators[${i}] (${ind.code})`;
    if (!/^[a-z][a-z0-9]{1,23}$/.test(ind.code)) p.push(`${at}.code must be 2 to 24 lowercase letters and digits`);
    if (codes.has(ind.code)) p.push(`${at}.code is used twice`);
    codes.add(ind.code);
    if (!aspects.has(ind.aspect)) p.push(`${at}.aspect must be one of the aspects (${[...aspects].join(', ')})`);
    if (!(SOURCES as readonly string[]).includes(ind.source)) p.push(`${at}.source must be one of ${SOURCES.join(', ')}`);
    if (!(UNITS as readonly string[]).includes(ind.unit)) p.push(`${at}.unit must be one of ${UNITS.join(', ')}`);
    if (ind.source !== 'manual' && (ind.unit === 'permille') !== (ind.source !== 'projects.done')) p.push(`${at}.unit must be ${ind.source === 'projects.done' ? 'count' : 'permille'}: what its source gives`);
    if (!Number.isInteger(ind.weight) || ind.weight < 0) p.push(`${at}.weight must be a whole number of points, 0 or more`);
    for (const cls of classes) {
      const target = ind.targets[cls];
      if (!Number.isInteger(target) || target! <= 0 || (ind.unit === 'permille' && target! > 1000)) p.push(`${at}.targets.${cls} must be a whole number above 0${ind.unit === 'permille' ? ' and at most 1000 (permille)' : ''}`);
    }
  }
  const total = c.indicators.reduce((a, i) => a + i.weight, 0) + c.crossReviewWeight;
  if (total !== 100) p.push(`assessment weights must add up to 100 points (indicators and cross review), not ${total}`);
  if (!(c.trimFraction >= 0 && c.trimFraction < 0.5)) p.push('assessment.trimFraction must be at least 0 and below 0.5');
  return p;
}
