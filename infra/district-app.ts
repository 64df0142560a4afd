import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { districtNamed } from './districts/index.ts';
import type { DistrictConfig } from './districts/types.ts';
import { DistrictStack } from './district-stack.ts';

/** The district's stack with cdk-nag's AwsSolutions checks run at synth. */
export function buildApp(app: App, districtName: string | DistrictConfig | undefined, webDir: string | null): DistrictStack {
  const district = typeof districtName === 'object' ? districtName : districtNamed(districtName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new DistrictStack(app, `gongzhi-${district.id}`, {
    district,
    webDir,
    env: district.account && district.region ? { account: district.account, region: district.region } : undefined,
    description: `gongzhi (共治) — ${district.city}${district.name}`,
  });
}
