import { settingsOf, type AppealsSettings } from '../../shared/appeals/settings.ts';

let cached: AppealsSettings | undefined;

/** The district's appeals settings (env APPEALS, checked at synth). */
export function appealsSettings(): AppealsSettings {
  cached ??= settingsOf(JSON.parse(process.env.APPEALS || '{}'));
  return cached;
}
