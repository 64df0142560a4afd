// cdk synth|deploy -c district=NAME
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { districtNamed } from '../districts/index.ts';
import { DistrictStack } from '../district-stack.ts';
import { ROOT } from '../paths.ts';

export function buildApp(app: App, districtName: string | undefined, webDir: string | null) {
  const district = districtNamed(districtName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new DistrictStack(app, `gongzhi-${district.id}`, {
    district,
    webDir,
    env: district.account && district.region ? { account: district.account, region: district.region } : undefined,
    description: `gongzhi (共治) — ${district.city}${district.name}`,
  });
  return stack;
}

const app = new App();
const webDir = join(ROOT, 'web', 'dist');
if (!existsSync(join(webDir, 'index.html'))) {
  console.warn('web/dist is missing: run `npm run build:web` before deploying, or the site will be empty.');
}
buildApp(app, app.node.tryGetContext('district'), existsSync(webDir) ? webDir : null);
