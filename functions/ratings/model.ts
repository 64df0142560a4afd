// Rating items as stored. Only this folder reads and writes them.
import type { Questionnaire, RatingAnswers } from '../../shared/ratings/questionnaire.ts';
import type { Figures, FigureChange } from '../../shared/ratings/aggregate.ts';

export interface TemplateItem { et: 'rating-template'; id: string; name: string; questionnaire: Questionnaire; rev: number; updatedAt: string }

export interface CampaignItem {
  et: 'rating-campaign';
  id: string; title: string; period: string; issuer: string; templateId: string;
  questionnaire: Questionnaire;
  opensAt: string; closesAt: string;
  compoundIds: string[];
  /** Bumped by every change to the questions or the compounds; a submission names the one it answered. */
  qrev: number;
  rev: number;
  createdAt: string; createdBy: string; updatedAt: string;
  publishedCompounds: number;
}

export interface CampaignCompoundItem {
  et: 'campaign-compound';
  campaignId: string; compoundId: string; name: string; address: string;
  communityId: string; communityName: string; streetId: string; streetName: string;
  companyId: string | null; companyName: string | null;
  serviceItems: string[];
  qrev: number;
  publishedVersion?: number; publishedAt?: string;
}

export interface SubmissionItem extends RatingAnswers {
  et: 'rating';
  campaignId: string; compoundId: string; building: string; unit: string;
  idempotencyKey: string; receiptId: string; submittedAt: string; qrev: number;
  excludedAt?: string; excludedReason?: string; excludedBy?: string;
}

export interface NoticeItem {
  et: 'notice';
  campaignId: string; compoundId: string; version: number; publishedAt: string;
  title: string; period: string; issuer: string;
  compound: { name: string; address: string; communityName: string; streetName: string };
  company: { id: string; name: string } | null;
  figures: Figures;
  /** What the figures were computed from, so anyone can check them against the records. */
  inputs: { submissions: number; excluded: number; counted: number; households: number; registerVersion: number };
  reason: string | null;
  changes: FigureChange[];
  supersedes: number | null;
}
