import type { DistrictConfig } from './types.ts';
import { shinan } from './shinan.ts';

export const districts: Record<string, DistrictConfig> = { shinan };

export function districtNamed(name: string | undefined): DistrictConfig {
  const config = name ? districts[name] : undefined;
  if (!config) throw new Error(`Unknown district "${name ?? ''}". Pass -c district=NAME, one of: ${Object.keys(districts).join(', ')} (infra/districts/).`);
  return config;
}
