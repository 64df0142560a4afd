// Staff messages of the ratings capability: templates, campaigns, review and publication.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { Id } from '../registry/schemas.ts';
import { keyName, name, text } from '../text.ts';
import { DEFAULT_DIMENSIONS, DEFAULT_QUESTIONNAIRE } from './questionnaire.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const TemplateParams = pure(() => z.object({ templateId: Id }));
export const CampaignParams = pure(() => z.object({ campaignId: Id }));
export const CampaignCompoundParams = pure(() => z.object({ campaignId: Id, compoundId: Id }));

const DimensionSchema = pure(() => z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,23}$/, 'lowercase id, up to 24 characters')),
  label: name(2, 12),
  labelEn: name(2, 40),
}));

export const QuestionnaireSchema = pure(() => z.object({
  dimensions: z._default(z.array(DimensionSchema).check(z.minLength(1), z.maxLength(12), z.refine((d) => new Set(d.map((x) => x.id)).size === d.length, 'dimension ids must be unique')), DEFAULT_DIMENSIONS),
  suggestionMaxChars: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(500)), DEFAULT_QUESTIONNAIRE.suggestionMaxChars),
  participationFloorPct: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(100)), DEFAULT_QUESTIONNAIRE.participationFloorPct),
  partialWeightPct: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(100)), DEFAULT_QUESTIONNAIRE.partialWeightPct),
}));

export const TemplateBody = pure(() => z.object({
  name: name(2, 60),
  questionnaire: QuestionnaireSchema,
}));
export type TemplateBody = z.infer<typeof TemplateBody>;

const Instant = pure(() => z.iso.datetime({ offset: true }));

export const CampaignBody = pure(() => z
  .object({
    title: name(4, 60),
    /** As the notice prints it, e.g. 2026年下半年. */
    period: name(2, 30),
    /** The body the notice is issued by, e.g. 市南区住房和城乡建设局. */
    issuer: name(2, 60),
    templateId: Id,
    opensAt: Instant,
    closesAt: Instant,
    compoundIds: z.array(Id).check(z.minLength(1), z.maxLength(500), z.refine((ids) => new Set(ids).size === ids.length, 'compound ids must be unique')),
    /** The revision this edit was made against; omit to create. */
    rev: z.optional(z.number().check(z.int(), z.minimum(1))),
  })
  .check(z.refine((c) => Date.parse(c.opensAt) < Date.parse(c.closesAt), { message: 'closesAt must be after opensAt', path: ['closesAt'] })));
export type CampaignBody = z.infer<typeof CampaignBody>;

export const ExcludeBody = pure(() => z.object({
  building: keyName(1, 20),
  unit: keyName(1, 20),
  reason: text(4, 200, { min: 'say why, in at least 4 characters' }),
  /** false puts an excluded submission back. */
  exclude: z._default(z.boolean(), true),
}));

export const PublishBody = pure(() => z.object({
  /** Required for a correction: the notice prints it next to what changed. */
  reason: z.optional(text(4, 200)),
}));

export const NoticeQuery = pure(() => z.object({ version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))) }));
export const OpenDataQuery = pure(() => z.object({ format: z._default(z.enum(['json', 'csv']), 'json') }));
