// What a resident may attach to an appeal: the page checks before sending, the signed upload
// form binds the size and type, and the appeal's handler checks the bytes again.
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTOS = 3;
/** A phone's photo after the page scales it down is a few hundred KB; an original up to 5 MB is taken too. */
export const MAX_PHOTO_BYTES = 5 * 1_048_576;
