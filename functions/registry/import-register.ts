import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { BadRequest } from '../../shared/errors.ts';
import { importRegister } from './register-store.ts';

export const handler = httpHandler(routes.registerImport, async ({ params, body }, { principal }) => {
  const report = await importRegister(params.compoundId, body, principal);
  if (body.mode === 'commit' && !report.ok) {
    // A commit of an invalid file writes nothing; the issues say where to fix it.
    throw new BadRequest(
      `The register has ${report.issueCount} errors; nothing was written`,
      report.issues.map((i) => ({ path: `line ${i.line}${i.column ? ` ${i.column}` : ''}`, reason: `${i.code}: ${i.message}` })),
      'register_invalid',
    );
  }
  return new HttpResult(report.mode === 'commit' && !report.unchanged ? 201 : 200, report);
});
