import { DEFAULT_ASSESSMENT, type AssessmentConfig } from '../../shared/assessment/config.ts';

let cached: AssessmentConfig | undefined;

/** The district's assessment (env ASSESSMENT, checked at synth); Shinan's scheme when unset. */
export function assessmentConfig(): AssessmentConfig {
  cached ??= { ...DEFAULT_ASSESSMENT, ...(JSON.parse(process.env.ASSESSMENT || '{}') as Partial<AssessmentConfig>) };
  return cached;
}
