// The synthesized template, checked against the manifest, and cdk-nag's AwsSolutions pack.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from '../../infra/district-app.ts';
import { Auth } from '../../infra/constructs/auth.ts';
import { GongzhiFunction } from '../../infra/constructs/function.ts';
import { BUNDLE } from '../../infra/bundling.ts';
import { pageSecurityHeaders } from '../../infra/security-headers.ts';
import { Photos } from '../../infra/constructs/photos.ts';
import { allQueues, allRoutes, allSchedules } from '../../functions/manifest.ts';
import { functionId } from '../../infra/constructs/api.ts';
import { authorizerOf, STAFF_ROLES } from '../../shared/access.ts';
import { OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { routes } from '../../functions/manifest.ts';
import { districtNamed } from '../../infra/districts/index.ts';
import { templatesOf } from './templates.ts';
import { CODE_FAILURES_ALARM_MESSAGE, ORIGIN_HEADER } from '../../functions/lib/signals.ts';
import { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

// A stand-in for web/dist, so the template includes the page deployment as it deploys.
const webDir = mkdtempSync(join(tmpdir(), 'gongzhi-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');

// No bundling here: the one test that bundles for real synthesizes a single function.
function synth() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildApp(app, 'shinan', webDir);
  return { app, stack, template: Template.fromStack(stack), templates: templatesOf(stack) };
}

const { app, stack, template, templates } = synth();
const resources = templates.resources;

describe('district stack', () => {
  it('runs every function on Node.js 24, ARM64, with its own log group', () => {
    const fns = resources('AWS::Lambda::Function');
    const handlers = new Set([...allRoutes.map((r) => r.handler), ...allQueues.map((q) => q.consumer), ...allSchedules.map((s) => s.handler), 'relay/stream-relay', 'auth/post-authentication']);
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

  it('runs each manifest schedule on an EventBridge rule at its rate (the appeals sweep every minute)', () => {
    const rules = resources('AWS::Events::Rule');
    expect(rules).toHaveLength(allSchedules.length);
    for (const def of allSchedules) {
      const fnId = resources('AWS::Lambda::Function').find(([id]) => id.startsWith(functionId(def.handler)) && !id.includes('Logs'))![0];
      const rule = rules.find(([, r]) => r.Properties.Targets.some((t: any) => JSON.stringify(t.Arn).includes(fnId)));
      expect(rule, def.handler).toBeDefined();
      expect(rule![1].Properties.ScheduleExpression).toBe(def.everyMinutes === 1 ? 'rate(1 minute)' : `rate(${def.everyMinutes} minutes)`);
    }
  });

  it('keeps every stack, nested ones included, under CloudFormation\'s 500 resources with room to grow', () => {
    for (const t of templates.all) expect(Object.keys(t.toJSON().Resources).length).toBeLessThan(400);
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
    const treeRole = roles.find(([id]) => id.startsWith('RegistryGetTreeRole'))![0];
    const treePolicy = policies.find(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === treeRole))![1];
    const actions = treePolicy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).toContain('dynamodb:Query');
  });

  it('lets only the functions the manifest marks `keys` touch the keys table', () => {
    const [keysId] = resources('AWS::DynamoDB::GlobalTable').find(([id]) => id.startsWith('DataKeys'))!;
    const policies = resources('AWS::IAM::Policy');
    const rolesWithKeys = policies.filter(([id, p]) => JSON.stringify(templates.resolved(p.Properties.PolicyDocument, id)).includes(keysId)).flatMap(([, p]) => p.Properties.Roles.map((r: any) => r.Ref as string));
    const expected = [...allRoutes.filter((r) => r.keys).map((r) => r.handler), ...allQueues.filter((q) => q.keys).map((q) => q.consumer)].map((h) => `${functionId(h)}Role`);
    expect(rolesWithKeys.map((r) => r.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([...new Set(expected)].sort());
  });

  it('puts the resident authorizer on resident routes and the staff authorizer on staff routes', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    const byName = Object.fromEntries(authorizers.map(([id, a]) => [a.Properties.Name, id]));
    expect(Object.keys(byName).sort()).toEqual(['Resident', 'Staff']);
    const routes = resources('AWS::ApiGatewayV2::Route');
    for (const def of allRoutes) {
      const [id, route] = routes.find(([, r]) => r.Properties.RouteKey === `${def.method} ${def.path}`)!;
      const kind = authorizerOf(def.access);
      // A route in a capability's nested stack gets the authorizer's id as a parameter from the parent.
      if (kind === 'none') expect(route.Properties.AuthorizerId).toBeUndefined();
      else expect(templates.resolved(route.Properties.AuthorizerId, id), `${def.method} ${def.path}`).toEqual({ Ref: byName[kind === 'staff' ? 'Staff' : 'Resident'] });
    }
  });

  it('audits every staff sign-in through the post-authentication trigger, MFA required', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      LambdaConfig: { PostAuthentication: Match.anyValue() },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort();
    expect(groups).toEqual([...STAFF_ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['code'], GenerateSecret: false });
  });

  it('lets no staff user write their own scope or name: every client names its write attributes', () => {
    const clients = resources('AWS::Cognito::UserPoolClient');
    expect(clients.length).toBeGreaterThan(0);
    for (const [id, c] of clients) {
      const writable: string[] | undefined = c.Properties.WriteAttributes;
      // Absent or empty is Cognito's default: every standard attribute writable by the user.
      expect(writable, id).toBeInstanceOf(Array);
      expect(writable!.length, id).toBeGreaterThan(0);
      expect(writable, id).not.toContain('custom:scope_id');
      expect(writable!.filter((a) => a.startsWith('custom:') || ['name', 'preferred_username', 'email', 'phone_number'].includes(a)), id).toEqual([]);
      // The ID token still carries what the principal is made of.
      expect(c.Properties.ReadAttributes, id).toEqual(expect.arrayContaining(['custom:scope_id', 'name']));
    }
    // The scope stays mutable so that an admin can move a staff member (AdminUpdateUserAttributes).
    template.hasResourceProperties('AWS::Cognito::UserPool', { Schema: Match.arrayWith([Match.objectLike({ Name: 'scope_id', Mutable: true })]) });
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

  it('serves the pages, /api/* and Open311\'s /open311/* from one CloudFront distribution, the API paths to the API', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }), Match.objectLike({ PathPattern: '/open311/*', ViewerProtocolPolicy: 'https-only' })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('sends the pages with the security headers of infra/security-headers.ts, exactly', () => {
    const policies = resources('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    const { ContentSecurityPolicy, ContentTypeOptions, FrameOptions, ReferrerPolicy, StrictTransportSecurity, ...otherSecurity } = config.SecurityHeadersConfig;
    // A CloudFront security header the shared module does not name would go untested.
    expect(otherSecurity).toEqual({});
    const custom: any[] = config.CustomHeadersConfig?.Items ?? [];
    for (const h of [ContentSecurityPolicy, ContentTypeOptions, FrameOptions, ReferrerPolicy, StrictTransportSecurity, ...custom]) expect(h?.Override).toBe(true);
    // What CloudFront puts on the wire, by header name.
    const sent: Record<string, unknown> = {
      ...(ContentSecurityPolicy ? { 'content-security-policy': ContentSecurityPolicy.ContentSecurityPolicy } : {}),
      ...(ContentTypeOptions ? { 'x-content-type-options': 'nosniff' } : {}),
      ...(FrameOptions ? { 'x-frame-options': FrameOptions.FrameOption } : {}),
      ...(ReferrerPolicy ? { 'referrer-policy': ReferrerPolicy.ReferrerPolicy } : {}),
      ...(StrictTransportSecurity ? { 'strict-transport-security': `max-age=${StrictTransportSecurity.AccessControlMaxAgeSec}${StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}${StrictTransportSecurity.Preload ? '; preload' : ''}` } : {}),
      ...Object.fromEntries(custom.map((h) => [String(h.Header).toLowerCase(), h.Value])),
    };
    // The deployed CSP also lets the admin page reach the Cognito domain's token endpoint, and
    // the appeal page post photos to the photo bucket whose links the case page shows.
    const auth = stack.node.findAll().find((c): c is Auth => c instanceof Auth)!;
    const photos = stack.node.findAll().find((c): c is Photos => c instanceof Photos)!;
    const expected = stack.resolve(pageSecurityHeaders({ connectSources: [auth.domainUrl, photos.origin], imageSources: [photos.origin] }));
    expect(sent).toEqual(expected);
    expect(JSON.stringify(sent['content-security-policy'])).toMatch(/connect-src 'self' https:\/\/".*amazoncognito\.com https:\/\/gongzhi-shinan-photos-.*; img-src 'self' data: blob: https:\/\/gongzhi-shinan-photos-/);
    // On the pages, that is the default behaviour; /api/* answers with the handlers' own headers.
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } }) }),
    });
  });

  it('sends the origin secret to the API from CloudFront and to the API functions, from one generated secret', () => {
    const secrets = resources('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    const refersToSecret = (v: unknown) => JSON.stringify(v).includes(secretId) && JSON.stringify(v).includes('resolve:secretsmanager');
    const [, dist] = resources('AWS::CloudFront::Distribution')[0]!;
    const apiBehaviour = dist.Properties.DistributionConfig.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const apiOrigin = dist.Properties.DistributionConfig.Origins.find((o: any) => o.Id === apiBehaviour.TargetOriginId);
    const header = apiOrigin.OriginCustomHeaders.find((h: any) => h.HeaderName === ORIGIN_HEADER);
    expect(refersToSecret(header.HeaderValue)).toBe(true);
    // The managed policy that forwards CloudFront-Viewer-Address, which the limits key on.
    expect(apiBehaviour.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    // Open311's paths go to the same origin, with the same secret.
    const open311 = dist.Properties.DistributionConfig.CacheBehaviors.find((b: any) => b.PathPattern === '/open311/*');
    expect(open311.TargetOriginId).toBe(apiBehaviour.TargetOriginId);
    // Every API function checks it; no queue consumer or trigger needs it.
    const fns = resources('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
    const apiFnIds = new Set(allRoutes.map((r) => functionId(r.handler)));
    for (const [id, fn] of fns) {
      const env = fn.Properties.Environment.Variables;
      if (apiFnIds.has(id.replace(/[0-9A-F]{8}$/, ''))) expect(refersToSecret(templates.resolved(env.ORIGIN_SECRET, id)), id).toBe(true);
      else expect(env.ORIGIN_SECRET, id).toBeUndefined();
    }
  });

  it('names the resident issuer under the site, where API Gateway reads its discovery document', () => {
    const [, resident] = resources('AWS::ApiGatewayV2::Authorizer').find(([, a]) => a.Properties.Name === 'Resident')!;
    const issuer = JSON.stringify(resident.Properties.JwtConfiguration.Issuer);
    const [distId] = resources('AWS::CloudFront::Distribution')[0]!;
    expect(issuer).toContain(distId);
    expect(issuer).toContain('/api/auth/resident');
    expect(resident.Properties.JwtConfiguration.Audience).toEqual([RESIDENT_AUDIENCE]);
    // The functions sign with the same issuer the authorizer checks.
    const [exchangeId, exchange] = resources('AWS::Lambda::Function').find(([id]) => id.startsWith(functionId(routes.codeExchange.handler)) && !id.includes('Logs'))!;
    expect(JSON.stringify(templates.resolved(exchange.Properties.Environment.Variables.RESIDENT_ISSUER, exchangeId))).toBe(issuer);
  });

  it('raises an alarm on the alarm topic when household-code failures flood a compound', () => {
    const [filterId, filter] = resources('AWS::Logs::MetricFilter')[0]!;
    expect(filter.Properties.FilterPattern).toContain(CODE_FAILURES_ALARM_MESSAGE);
    const [, exchange] = resources('AWS::Lambda::Function').find(([id]) => id.startsWith(functionId(routes.codeExchange.handler)))!;
    // The filter (in the parent) reads the log group the function (in its capability's nested stack) writes to.
    const logGroupId = exchange.Properties.LoggingConfig.LogGroup.Ref as string;
    const [nestedId, output] = filter.Properties.LogGroupName['Fn::GetAtt'] as [string, string];
    const nested = templates.all.find((t) => Object.hasOwn(t.toJSON().Resources, logGroupId))!;
    expect(nestedId).toMatch(/^ApiAuthFunctions/);
    expect(nested.toJSON().Outputs[output.replace(/^Outputs\./, '')].Value).toEqual({ Ref: logGroupId });
    const metric = filter.Properties.MetricTransformations[0];
    const alarm = resources('AWS::CloudWatch::Alarm').find(([, a]) => a.Properties.MetricName === metric.MetricName);
    expect(alarm, filterId).toBeDefined();
    const [topicId] = resources('AWS::SNS::Topic')[0]!;
    expect(alarm![1].Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('puts a WAF rate rule in front of the site when the district asks, and refuses one it cannot make', () => {
    expect(resources('AWS::WAFv2::WebACL')).toHaveLength(0);
    const withRate = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { ...districtNamed('shinan'), account: '111111111111', region: 'us-east-1', waf: { ratePer5Minutes: 300 } }, webDir);
    const t = Template.fromStack(withRate);
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: Match.objectLike({ Limit: 300, AggregateKeyType: 'IP' }) } })],
    });
    const [aclId] = Object.keys(t.findResources('AWS::WAFv2::WebACL'));
    t.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [aclId, 'Arn'] } }) });
    expect(() => withRate.node.root instanceof App && (withRate.node.root as App).synth({ force: true })).not.toThrow();

    const arn = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/district/abc';
    const given = Template.fromStack(buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { ...districtNamed('shinan'), waf: { webAclArn: arn } }, webDir));
    given.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: arn }) });
    expect(given.findResources('AWS::WAFv2::WebACL')).toEqual({});

    expect(() => buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { ...districtNamed('shinan'), account: '111111111111', region: 'eu-west-1', waf: { ratePer5Minutes: 300 } }, webDir)).toThrow(/us-east-1.*webAclArn/);
    expect(() => buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { ...districtNamed('shinan'), waf: { ratePer5Minutes: 300 } }, webDir)).toThrow(/us-east-1/);
    expect(() => buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { ...districtNamed('shinan'), account: '111111111111', region: 'us-east-1', waf: { ratePer5Minutes: 5 } }, webDir)).toThrow(/at least 10/);
  });

  it('keeps appeal and evidence photos in a private bucket: uploads only by signed POST from the site, stale uploads expire, each function one action on one prefix', () => {
    const buckets = resources('AWS::S3::Bucket').filter(([, b]) => JSON.stringify(b.Properties.BucketName ?? '').includes('-photos-'));
    expect(buckets).toHaveLength(1);
    const [, bucket] = buckets[0]!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LoggingConfiguration).toBeDefined();
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 1, Status: 'Enabled' }));
    const [cors] = bucket.Properties.CorsConfiguration.CorsRules;
    expect(cors.AllowedMethods).toEqual(['POST']);
    // The site's own origin (CloudFront's domain here), never '*'.
    expect(JSON.stringify(cors.AllowedOrigins)).toContain('DomainName');
    expect(cors.AllowedOrigins).not.toContain('*');
    // Which function may do what, from the manifest's photos entries.
    const policyOf = (handler: string) => JSON.stringify(resources('AWS::IAM::Policy').find(([id]) => id.startsWith(`${functionId(handler)}Role`))![1].Properties.PolicyDocument.Statement.filter((st: { Resource: unknown }) => JSON.stringify(st.Resource).includes('-photos-')));
    expect(policyOf('appeals/photo-uploads')).toMatch(/"Action":"s3:PutObject".*\/incoming\/\*/);
    expect(policyOf('appeals/photo-uploads')).not.toMatch(/GetObject|cases/);
    expect(policyOf('appeals/file-appeal')).toMatch(/s3:GetObject.*incoming\/\*.*s3:PutObject.*cases\/\*/);
    expect(policyOf('appeals/get-case')).toMatch(/s3:GetObject.*cases\/\*/);
    expect(policyOf('appeals/get-case')).not.toMatch(/PutObject|incoming/);
    expect(policyOf('appeals/centre-queue')).toBe('[]');
    // Staff evidence has its own shelf: what keeps or links it cannot touch the appeals' cases.
    expect(policyOf('photos/staff-uploads')).toMatch(/"Action":"s3:PutObject".*\/incoming\/\*/);
    expect(policyOf('projects/add-evidence')).toMatch(/s3:GetObject.*incoming\/\*.*s3:PutObject.*evidence\/\*/);
    expect(policyOf('projects/add-evidence')).not.toMatch(/cases/);
    expect(policyOf('selection/get-selection')).toMatch(/s3:GetObject.*evidence\/\*/);
    expect(policyOf('selection/get-selection')).not.toMatch(/PutObject|incoming|cases/);
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

  it('bundles a real function with esbuild (no Docker): minified ESM that exports the handler', () => {
    // One GongzhiFunction in a stack of its own: esbuild runs once, not for every function.
    const outdir = mkdtempSync(join(tmpdir(), 'gongzhi-cdk-'));
    const bundleApp = new App({ outdir });
    const probe = new Stack(bundleApp, 'BundleProbe');
    new GongzhiFunction(probe, 'Jwks', { module: 'auth/jwks', environment: {} });
    const assembly = bundleApp.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, `${probe.artifactId}.assets.json`), 'utf8'));
    const zips = Object.entries(manifest.files as Record<string, { source: { path: string; packaging?: string } }>).filter(([, f]) => f.source.packaging === 'zip');
    expect(zips).toHaveLength(1);
    const [hash, asset] = zips[0]!;
    // The function deploys that asset, on the runtime and architecture the stack uses.
    const fn = Object.values(Template.fromJSON(assembly.getStackArtifact(probe.artifactId).template).findResources('AWS::Lambda::Function'))[0] as any;
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'], Code: { S3Key: `${hash}.zip` } });
    const file = join(outdir, asset.source.path, 'index.mjs');
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.map`)).toBe(true);
    const size = statSync(file).size;
    // The AWS SDK is bundled (see function.ts), so ~0.5 MB; over 1 MB a dependency came in whole.
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(1_000_000);
    const code = readFileSync(file, 'utf8');
    expect(code.startsWith(BUNDLE.banner)).toBe(true);
    // Minified: long lines, not one statement per line.
    expect(size / code.split('\n').length).toBeGreaterThan(1_000);
    // Node loads it as an ES module and finds the handler Lambda will call.
    const kind = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(typeof m.handler);`], {
      encoding: 'utf8', env: { ...process.env, AWS_REGION: 'cn-north-1', NODE_OPTIONS: '' },
    });
    expect(kind).toBe('function');
  });
});
