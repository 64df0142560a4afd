// zod/mini loads no locale: without one, a rule without its own message says only "Invalid
// input". The full build registered English on its first schema, and the staff pages, the
// functions' 400s and the tests were written against those messages; every module that used
// the full build imports this one so that they stay the same. The resident pages do not: they
// never had the English messages and must stay small.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// As the full build does it: only when no locale has been chosen, so an explicit choice wins.
// (z.config() reads the global configuration; `z.core.globalConfig` would put all of zod's
// core and every locale in the bundle.)
if (!z.config().localeError) z.config(en());
