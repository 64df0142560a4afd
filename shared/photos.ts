// What a page may attach as photos: a resident to an appeal, staff to a milestone's evidence or
// a 微心愿 case. The page checks before sending, the signed upload form binds the size and type,
// and the handler that takes them checks the bytes again (functions/photos/bucket.ts).
import * as z from 'zod/mini';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTOS = 3;
/** Evidence of work done (a milestone, a case) is shown with a few more. */
export const MAX_EVIDENCE_PHOTOS = 6;
/** A phone's photo after the page scales it down is a few hundred KB; an original up to 5 MB is taken too. */
export const MAX_PHOTO_BYTES = 5 * 1_048_576;

/** The page's key for one send: its uploads land in a folder only that key (and, for staff, that person) reaches. */
export const PhotoKey = pure(() => z.string().check(z.regex(/^[a-f0-9]{16,40}$/, '16 to 40 hex characters')));

/** Upload forms a staff page asks for before it sends the record the photos belong to. */
export const StaffPhotoUploadBody = pure(() => z.object({
  idempotencyKey: PhotoKey,
  types: z.array(z.enum(PHOTO_TYPES, 'a JPEG, PNG or WebP image')).check(z.minLength(1, 'at least one photo'), z.maxLength(MAX_EVIDENCE_PHOTOS, `at most ${MAX_EVIDENCE_PHOTOS} photos`)),
}));
export type StaffPhotoUploadBody = z.infer<typeof StaffPhotoUploadBody>;

/** The fields a record with evidence photos carries: how many the page uploaded, under which key. */
export const evidencePhotoFields = /* @__NO_SIDE_EFFECTS__ */ () => ({
  photoKey: z.optional(PhotoKey),
  photos: z._default(z.number().check(z.int('a whole number'), z.gte(0, 'at least 0'), z.lte(MAX_EVIDENCE_PHOTOS, `at most ${MAX_EVIDENCE_PHOTOS} photos`)), 0),
});
