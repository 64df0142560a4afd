// The year-end selection of outstanding joint projects and 微心愿 cases: nominations, a panel
// named for the year, each member scoring each nomination once, winners frozen and public.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { name, text } from '../text.ts';
import { evidencePhotoFields } from '../photos.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));
const OurId = pure(() => z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a record number')));

export const SelectionParams = pure(() => z.object({ year: z.string().check(z.regex(/^20\d\d$/, 'a year such as 2027')) }));
export const NominationParams = pure(() => z.object({ year: z.string().check(z.regex(/^20\d\d$/, 'a year such as 2027')), nominationId: OurId }));

/** The year's selection: its panel (named people; their scores are keyed from the score sheets) and how many win. */
export const SelectionBody = pure(() => z.object({
  title: name(4, 60),
  panel: z.array(z.object({ id: z.string().check(z.regex(/^[a-z0-9]{1,12}$/, '1 to 12 lowercase letters and digits')), name: name(2, 20), title: z._default(name(0, 40), '') })).check(z.minLength(3), z.maxLength(15)),
  winners: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
}));
export type SelectionBody = z.infer<typeof SelectionBody>;

/** A joint project (done) or a 微心愿 case told as text, nominated with the reason. */
export const NominationBody = pure(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), communityId: Id, projectId: OurId, reason: text(4, 500) }),
  z.object({ kind: z.literal('wish'), communityId: Id, title: name(4, 60), story: text(10, 2000), reason: text(4, 500), ...evidencePhotoFields() }),
]));
export type NominationBody = z.infer<typeof NominationBody>;

/** One panel member's score for one nomination (0–100), keyed from the member's sheet. */
export const ScoreBody = pure(() => z.object({ memberId: z.string().check(z.regex(/^[a-z0-9]{1,12}$/, 'a member id')), score: z.number().check(z.int(), z.minimum(0), z.maximum(100)) }));
export type ScoreBody = z.infer<typeof ScoreBody>;
