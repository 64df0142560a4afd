// The rating questionnaire (issue 5): contract items answered 已履行 / 部分履行 / 未履行 /
// 不清楚, service dimensions scored 1-5, and an overall satisfaction. Plain data with no zod,
// so the resident page can import it without the schema library.

export const CONTRACT_ANSWERS = ['done', 'partial', 'not', 'unknown'] as const;
export type ContractAnswer = (typeof CONTRACT_ANSWERS)[number];

export const OVERALL_ANSWERS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type OverallAnswer = (typeof OVERALL_ANSWERS)[number];

export const SCORES = [1, 2, 3, 4, 5] as const;

export interface Dimension { id: string; label: string; labelEn: string }

/** The six dimensions Shinan's residents rate (DOMAIN.md); a template may change them. */
export const DEFAULT_DIMENSIONS: Dimension[] = [
  { id: 'service', label: '客户服务', labelEn: 'Customer service' },
  { id: 'repair', label: '房屋维护', labelEn: 'Building maintenance' },
  { id: 'facility', label: '设施设备', labelEn: 'Facilities and equipment' },
  { id: 'order', label: '秩序维护', labelEn: 'Security and order' },
  { id: 'hygiene', label: '环境卫生', labelEn: 'Cleaning' },
  { id: 'greening', label: '绿化养护', labelEn: 'Landscaping' },
];

/** Service items a contract commonly lists; demo data and the compound form offer them. */
export const COMMON_SERVICE_ITEMS = ['门岗24小时值守', '楼道每日清扫', '电梯按月维保', '绿化养护', '收费公示', '垃圾日产日清', '消防设施月检', '报修24小时响应'];

/** What a household answers, fixed per campaign: a campaign cannot change it once open. */
export interface Questionnaire {
  dimensions: Dimension[];
  /** Longest suggestion accepted, in characters; 0 hides the field. */
  suggestionMaxChars: number;
  /** Participation below this share of households is marked on the notice. */
  participationFloorPct: number;
  /** How much a 部分履行 counts towards the performance rate, in percent of a 已履行. */
  partialWeightPct: number;
}

export const DEFAULT_QUESTIONNAIRE: Questionnaire = { dimensions: DEFAULT_DIMENSIONS, suggestionMaxChars: 200, participationFloorPct: 30, partialWeightPct: 50 };

/** The answers of one household: contract answers by item position, scores by dimension id. */
export interface RatingAnswers {
  contract: ContractAnswer[];
  scores: Record<string, number>;
  overall: OverallAnswer;
  suggestion?: string;
}

/** The problems of a set of answers against the questionnaire it claims to answer. */
export function answerProblems(q: Questionnaire, serviceItems: readonly string[], a: RatingAnswers): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  if (a.contract.length !== serviceItems.length) problems.push({ path: 'body.contract', reason: `answer each of the ${serviceItems.length} contract items` });
  for (const d of q.dimensions) {
    const s = a.scores[d.id];
    if (s === undefined) problems.push({ path: `body.scores.${d.id}`, reason: 'required' });
  }
  for (const id of Object.keys(a.scores)) {
    if (!q.dimensions.some((d) => d.id === id)) problems.push({ path: `body.scores.${id}`, reason: 'not a dimension of this questionnaire' });
  }
  const suggestion = a.suggestion ?? '';
  if (Array.from(suggestion).length > q.suggestionMaxChars) problems.push({ path: 'body.suggestion', reason: `at most ${q.suggestionMaxChars} characters` });
  return problems;
}
