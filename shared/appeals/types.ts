// The words of appeals that every part shares (pages included), without the calendar data.
export const APPEAL_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const; // 咨询 求助 投诉 举报 建议
export type AppealType = (typeof APPEAL_TYPES)[number];
