// Staff messages of the ratings capability: templates, campaigns, review and publication.
import * as z from 'zod';
import { Id } from '../registry/schemas.ts';
import { keyName, name, text } from '../text.ts';
import { DEFAULT_DIMENSIONS, DEFAULT_QUESTIONNAIRE } from './questionnaire.ts';

export const TemplateParams = z.object({ templateId: Id });
export const CampaignParams = z.object({ campaignId: Id });
export const CampaignCompoundParams = z.object({ campaignId: Id, compoundId: Id });

const DimensionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'lowercase id, up to 24 characters'),
  label: name(2, 12),
  labelEn: name(2, 40),
});

export const QuestionnaireSchema = z.object({
  dimensions: z.array(DimensionSchema).min(1).max(12).refine((d) => new Set(d.map((x) => x.id)).size === d.length, 'dimension ids must be unique').default(DEFAULT_DIMENSIONS),
  suggestionMaxChars: z.number().int().min(0).max(500).default(DEFAULT_QUESTIONNAIRE.suggestionMaxChars),
  participationFloorPct: z.number().int().min(0).max(100).default(DEFAULT_QUESTIONNAIRE.participationFloorPct),
  partialWeightPct: z.number().int().min(0).max(100).default(DEFAULT_QUESTIONNAIRE.partialWeightPct),
});

export const TemplateBody = z.object({
  name: name(2, 60),
  questionnaire: QuestionnaireSchema,
});
export type TemplateBody = z.infer<typeof TemplateBody>;

const Instant = z.iso.datetime({ offset: true });

export const CampaignBody = z
  .object({
    title: name(4, 60),
    /** As the notice prints it, e.g. 2026年下半年. */
    period: name(2, 30),
    /** The body the notice is issued by, e.g. 市南区住房和城乡建设局. */
    issuer: name(2, 60),
    templateId: Id,
    opensAt: Instant,
    closesAt: Instant,
    compoundIds: z.array(Id).min(1).max(500).refine((ids) => new Set(ids).size === ids.length, 'compound ids must be unique'),
    /** The revision this edit was made against; omit to create. */
    rev: z.number().int().min(1).optional(),
  })
  .refine((c) => Date.parse(c.opensAt) < Date.parse(c.closesAt), { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type CampaignBody = z.infer<typeof CampaignBody>;

export const ExcludeBody = z.object({
  building: keyName(1, 20),
  unit: keyName(1, 20),
  reason: text(4, 200, { min: 'say why, in at least 4 characters' }),
  /** false puts an excluded submission back. */
  exclude: z.boolean().default(true),
});

export const PublishBody = z.object({
  /** Required for a correction: the notice prints it next to what changed. */
  reason: text(4, 200).optional(),
});

export const NoticeQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const OpenDataQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
