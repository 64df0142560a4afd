// The synthesized template, checked against the manifest, and cdk-nag's AwsSolutions pack.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from '../../infra/district-app.ts';
import { allQueues, allRoutes } from '../../functions/manifest.ts';
import { functionId } from '../../infra/constructs/api.ts';
import { authorizerOf } from '../../shared/access.ts';

// A stand-in for web/dist, so the template includes the page deployment as it deploys.
const webDir = mkdtempSync(join(tmpdir(), 'gongzhi-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');

function synth(bundle = false) {
  const app = new App({ context: bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildApp(app, 'shinan', webDir);
  return { app, template: Template.fromStack(stack) };
}

const { app, template } = synth();
const resources = (type: string) => Object.entries(template.findResources(type)) as [string, any][];

describe('district stack', () => {
  it('runs every function on Node.js 24, ARM64, with its own log group', () => {
    const fns = resources('AWS::Lambda::Function');
    const handlers = new Set([...allRoutes.map((r) => r.handler), ...allQueues.map((q) => q.consumer), 'relay/stream-relay', 'auth/post-authentication']);
    // Ours, plus aws-cdk-lib's own page-deployment singleton.
    const ours = fns.filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
    expect(ours.length).toBe(handlers.size);
    expect(fns.length).toBe(handlers.size + 1);
    for (const [, fn] of ours) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });

  it('keeps the data table (with its stream) and the keys table, both with PITR, deletion protection, encryption', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    for (const [, t] of resources('AWS::DynamoDB::GlobalTable')) {
      expect(t.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
      expect(t.Properties.Replicas[0]).toMatchObject({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true });
      expect(t.DeletionPolicy).toBe('Retain');
    }
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
  });

  it('gives every manifest queue a DLQ with its maxReceiveCount and alarms on both', () => {
    for (const q of allQueues) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: q.visibilityTimeoutSeconds,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: q.maxReceiveCount },
        SqsManagedSseEnabled: true,
      });
    }
    const withRedrive = resources('AWS::SQS::Queue').filter(([, r]) => r.Properties?.RedrivePolicy);
    expect(withRedrive).toHaveLength(allQueues.length);
    const alarms = resources('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(allQueues.length * 2 + 1);
    for (const [, a] of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
  });

  it('reports batch item failures on every event source, SQS and stream', () => {
    const mappings = resources('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(allQueues.length + 1);
    for (const [, m] of mappings) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    for (const q of allQueues) template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: q.batchSize, EventSourceArn: Match.anyValue() });
    // Lambda refuses an SQS batch over 10 without a batching window.
    for (const q of allQueues.filter((x) => x.batchSize > 10)) template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: q.batchSize, MaximumBatchingWindowInSeconds: 1 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('OUTBOX#') }] },
    });
  });

  it('has one route per manifest entry, and the JWT authorizer on every non-public one', () => {
    const routes = resources('AWS::ApiGatewayV2::Route');
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const def of allRoutes) {
      const [, route] = routes.find(([, r]) => r.Properties.RouteKey === `${def.method} ${def.path}`)!;
      if ('public' in def.access) expect(route.Properties.AuthorizationType).toBe('NONE');
      else expect(route.Properties.AuthorizationType).toBe('JWT');
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
  });

  it('grants read-only table access to GET handlers and no managed policies to any role', () => {
    const roles = resources('AWS::IAM::Role');
    for (const [id, role] of roles) if (!id.startsWith('CustomCDKBucketDeployment')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = resources('AWS::IAM::Policy');
    const treeRole = roles.find(([id]) => id.startsWith('ApiRegistryGetTreeRole'))![0];
    const treePolicy = policies.find(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === treeRole))![1];
    const actions = treePolicy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).toContain('dynamodb:Query');
  });

  it('lets only the functions the manifest marks `keys` touch the keys table', () => {
    const [keysId] = resources('AWS::DynamoDB::GlobalTable').find(([id]) => id.startsWith('DataKeys'))!;
    const policies = resources('AWS::IAM::Policy');
    const rolesWithKeys = policies.filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes(keysId)).flatMap(([, p]) => p.Properties.Roles.map((r: any) => r.Ref as string));
    const expected = allRoutes.filter((r) => r.keys).map((r) => `Api${functionId(r.handler)}Role`);
    expect(rolesWithKeys.map((r) => r.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([...new Set(expected)].sort());
  });

  it('puts the resident authorizer on resident routes and the staff authorizer on staff routes', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    const byName = Object.fromEntries(authorizers.map(([id, a]) => [a.Properties.Name, id]));
    expect(Object.keys(byName).sort()).toEqual(['Resident', 'Staff']);
    const routes = resources('AWS::ApiGatewayV2::Route');
    for (const def of allRoutes) {
      const [, route] = routes.find(([, r]) => r.Properties.RouteKey === `${def.method} ${def.path}`)!;
      const kind = authorizerOf(def.access);
      if (kind === 'none') expect(route.Properties.AuthorizerId).toBeUndefined();
      else expect(route.Properties.AuthorizerId).toEqual({ Ref: byName[kind === 'staff' ? 'Staff' : 'Resident'] });
    }
  });

  it('audits every staff sign-in through the post-authentication trigger, MFA required', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      LambdaConfig: { PostAuthentication: Match.anyValue() },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort();
    expect(groups).toEqual(['committee', 'community_staff', 'department', 'district_admin', 'street_staff']);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['code'], GenerateSecret: false });
  });

  it('denies every function updating, deleting or batch-overwriting audit items', () => {
    const policies = resources('AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: any) => !String(r.Ref).startsWith('CustomCDKBucketDeployment')));
    for (const [, p] of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
        Effect: 'Deny',
        Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      }));
    }
    expect(policies.length).toBeGreaterThan(10);
  });

  it('serves the pages and /api/* from one CloudFront origin', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('passes cdk-nag AwsSolutions with every acknowledgement carrying a reason', () => {
    // Synth runs the validation plugins; an unacknowledged cdk-nag error makes it throw.
    expect(() => app.synth({ force: true })).not.toThrow();
    const acknowledged = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const rules of acknowledged) for (const reason of Object.values(rules as Record<string, string>)) expect(reason.length).toBeGreaterThan(20);
  });

  it('fails synth on an unacknowledged finding (the check is live)', () => {
    const bad = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = buildApp(bad, 'shinan', webDir);
    new Queue(stack, 'NoDlqNoSsl');
    expect(() => bad.synth({ force: true })).toThrow();
  });

  it('bundles a real function with esbuild (no Docker): minified ESM', { timeout: 120_000 }, () => {
    const { template: real } = synth(true);
    const fn = resources('AWS::Lambda::Function')[0];
    expect(fn).toBeDefined();
    const bundled = Object.values(real.findResources('AWS::Lambda::Function')) as any[];
    expect(bundled.every((f) => f.Properties.Code.S3Key.endsWith('.zip'))).toBe(true);
  });
});
