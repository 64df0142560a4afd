import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { districtNamed } from './districts/index.ts';
import type { DistrictConfig } from './districts/types.ts';
import { districtProblems } from './districts/validate.ts';
import { DistrictStack } from './district-stack.ts';

/** The district's stack with cdk-nag's AwsSolutions checks run at synth. */
export function buildApp(app: App, districtName: string | DistrictConfig | undefined, webDir: string | null): DistrictStack {
  const district = typeof districtName === 'object' ? districtName : districtNamed(districtName);
  const problems = districtProblems(district);
  if (problems.length) throw new Error(`The district config cannot deploy:\n${problems.map((x) => `  - ${x}`).join('\n')}`);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new DistrictStack(app, `gongzhi-${district.id}`, {
    district,
    webDir,
    // A region alone is enough (a China district names its region; the account comes from the credentials at deploy).
    env: district.region ? { account: district.account, region: district.region } : undefined,
    description: `gongzhi (共治) — ${district.city}${district.name}`,
  });
}
