// Imported first by every page's main.ts, before any schema is built.
// - jitless: zod otherwise probes `new Function('')` to compile parsers, which the pages' CSP
//   (no 'unsafe-eval') refuses with a console error.
// - Messages in the reader's language: plain Chinese (shared/zod-zh.ts) while the page is in Chinese,
//   English otherwise (the language can change while the page is open).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { chineseIssue } from '../../../shared/zod-zh.ts';

const english = en().localeError!;
z.config({
  jitless: true,
  localeError: (issue) => (document.documentElement.lang.startsWith('zh') ? chineseIssue(issue) : english(issue)),
});
