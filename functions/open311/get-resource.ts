// GET /open311/v2/{services|requests|discovery}.{json|xml}
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { listBody, objectBody, Open311Error } from './format.ts';
import { findRequests, services } from './georeport.ts';
import { respond } from './respond.ts';

export const handler = httpHandler(routes.open311Get, async ({ params, query }) => respond(params.resource, async (name, format) => {
  if (name === 'services') return listBody(format, 'services', await services());
  if (name === 'requests') return listBody(format, 'service_requests', await findRequests(query));
  if (name === 'discovery') {
    return objectBody(format, 'discovery', {
      changeset: '2026-12-02T00:00:00Z', contact: '12345', key_service: '区政务服务管理办公室（区12345热线）签发 api_key',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: '/open311/v2', changeset: '2026-12-02T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] }],
    });
  }
  throw new Open311Error(404, `没有这个资源 (${name} not found)`);
}));
