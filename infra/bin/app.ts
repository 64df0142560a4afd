// cdk synth|deploy -c district=NAME
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../district-app.ts';
import { ROOT } from '../paths.ts';

const app = new App();
const webDir = join(ROOT, 'web', 'dist');
const built = existsSync(join(webDir, 'index.html'));
if (!built) console.warn('web/dist is missing: run `npm run build:web` before deploying, or the site will be empty.');
buildApp(app, app.node.tryGetContext('district'), built ? webDir : null);
