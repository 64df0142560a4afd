// A refusal on a staff form, in the page's language and under its own field. The API already
// answers in the language the page asks for; a schema's own rules (checked here before
// sending) are written in English and read through the same map the API uses.
import { ApiError } from './api.ts';
import { sayRefusal } from '../../../shared/refusal-words.ts';
import { i18n } from './i18n.svelte.ts';

interface Issue { path: PropertyKey[]; message: string }

/** One message per field path ("title", "matters.0.title"); the rest under "form". */
export function issueErrors(issues: readonly Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= sayRefusal(issue.message, i18n.lang);
  }
  return errors;
}

/**
 * A refused request's fields by path without their "body."/"params." prefix, and its message
 * under "form" when no field says why; a network failure under "form" too.
 */
export function refusalErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.body) return { form: i18n.t('loadFailed') };
  const errors: Record<string, string> = {};
  for (const f of err.body.fields) errors[f.path.replace(/^(body|params|query)\./, '')] ??= f.reason;
  if (err.body.fields.length === 0) errors.form = err.body.message;
  return errors;
}

/** The whole refusal as one line, for a panel that shows a single message. */
export function refusalText(err: unknown): string {
  if (!(err instanceof ApiError) || !err.body) return i18n.t('loadFailed');
  return [err.body.message, ...err.body.fields.map((f) => f.reason)].join(' · ');
}
