import type { DistrictConfig } from './types.ts';
import { shinan } from './shinan.ts';
import { shinanCn } from './shinan-cn.ts';

/** shinan: global region, Cognito (the demo path). shinancn: AWS China, the district's own OIDC issuer (how a real district deploys). */
export const districts: Record<string, DistrictConfig> = { shinan, shinancn: shinanCn };

export function districtNamed(name: string | undefined): DistrictConfig {
  const config = name ? districts[name] : undefined;
  if (!config) throw new Error(`Unknown district "${name ?? ''}". Pass -c district=NAME, one of: ${Object.keys(districts).join(', ')} (infra/districts/).`);
  return config;
}
