// Imported first by the resident page, which validates with zod but carries no messages of
// its own (it stays small): zod compiles parsers with `new Function` unless told not to, which
// the pages' CSP refuses.
import * as z from 'zod/mini';

z.config({ jitless: true });
