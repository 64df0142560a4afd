// The API description has every route of the manifest, with the schemas the middleware checks.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openApiDocument } from '../../functions/openapi/document.ts';
import { allRoutes, routes } from '../../functions/manifest.ts';
import { WorkOrder } from '../../shared/appeals/schemas.ts';

const doc = openApiDocument() as any;

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every manifest route under its path and method, and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(listed).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops as object).map((o) => (o as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names each path parameter, and declares who may call: staff or household tokens, the webhook\'s signature, or nobody', () => {
    for (const r of allRoutes) {
      const op = doc.paths[r.path][r.method.toLowerCase()];
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(op.parameters?.filter((p: any) => p.in === 'path').map((p: any) => p.name).sort() ?? [], r.path).toEqual(inPath);
      const scheme = Object.keys(op.security?.[0] ?? {});
      if ('roles' in r.access) expect(scheme).toEqual(['staff']);
      else if ('residents' in r.access) expect(scheme).toEqual(['resident']);
      else if (r.rawBody) expect(scheme).toContain('signature');
      else expect(op.security).toEqual([]);
      for (const s of op.security ?? []) for (const name of Object.keys(s)) expect(doc.components.securitySchemes[name], name).toBeDefined();
    }
  });

  it('publishes the work order\'s schema as the webhook\'s body, and the feedback the platform receives', () => {
    const body = doc.paths[routes.workOrderWebhook.path].post.requestBody.content['application/json'].schema;
    const { $schema: _s, ...expected } = z.toJSONSchema(WorkOrder, { io: 'input' }) as Record<string, unknown>;
    expect(body).toEqual(expected);
    expect(body.required).toEqual(expect.arrayContaining(['orderNo', 'revision', 'receivedAt', 'type', 'category', 'content', 'callerPhone']));
    const feedback = doc.webhooks.platformFeedback.post.requestBody.content['application/json'].schema;
    expect(feedback.properties.kind.enum).toEqual(['accepted', 'returned', 'extended', 'replied', 'closed', 'rejected', 'merged']);
  });

  it('describes every refusal with the one error shape', () => {
    for (const r of allRoutes) {
      const op = doc.paths[r.path][r.method.toLowerCase()];
      expect(op.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'fields']);
  });
});
