// What the 三率 routes answer, as the pages read it (functions/appeals/live-dashboard.ts, monthly-store.ts).
import type { Rates, Weights } from '../../../shared/appeals/rates.ts';
import type { ReportFigures } from '../../../shared/appeals/monthly-report.ts';

export type RateFigures = Rates;
export interface UnitLine { unit: string; kind: 'street' | 'community' | 'department'; name: string; cases: number; rates: Rates; rank: number | null; ranked?: number; cards?: { yellow: number; red: number } }
export interface Live {
  month: string; weights: Weights; updatedAt: string;
  district: { cases: number; stages: Record<string, number>; cards: { yellow: number; red: number }; rates: Rates };
  units: UnitLine[];
  streets: { streetId: string; name: string; cases: number; rates: Rates }[];
  categories: { code: string; name: string; cases: number }[];
}
export interface Head { month: string; version: number; publishedAt: string; cases: number; district: Rates; units: Record<string, number | null>; streets: Record<string, number | null> }
export interface Change { scope: 'district' | 'unit' | 'street'; key: string; name: string; field: string; from: number | null; to: number | null }
export interface ReportVersion { month: string; version: number; publishedAt: string; reason: string | null; supersedes: number | null; changes: Change[]; weights: Weights; figures: ReportFigures }
export interface PeriodReport {
  period: string; months: { month: string; version: number | null }[]; complete: boolean; report: ReportVersion | null;
  versions: { version: number; publishedAt: string; reason: string | null }[]; figures: ReportFigures | null; weights: Weights;
}
