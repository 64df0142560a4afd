// The China district (infra/districts/shinan-cn.ts): cn-north-1, the district's own OIDC issuer,
// an IAM certificate and an ICP number. Its template holds nothing the China partition lacks
// (../shared/CHINA.md): no Cognito, no ACM for CloudFront, no origin access control, no WAF,
// no Function URL, no X-Ray, no hard-coded partition or domain suffix; and it passes cdk-nag.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { templatesOf } from './templates.ts';
import { buildApp } from '../../infra/district-app.ts';
import { districtNamed } from '../../infra/districts/index.ts';
import type { DistrictConfig } from '../../infra/districts/types.ts';
import { allRoutes } from '../../functions/manifest.ts';
import { functionId } from '../../infra/constructs/api.ts';
import { authorizerOf } from '../../shared/access.ts';
import { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

const webDir = mkdtempSync(join(tmpdir(), 'gongzhi-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
const cn = districtNamed('shinancn');
if (cn.staffIdentity?.kind !== 'oidc') throw new Error('shinancn must use an OIDC issuer');
const oidc = cn.staffIdentity;

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack: Stack = buildApp(app, 'shinancn', webDir);
const templates = templatesOf(stack);
const template = templates.parent;
const json = JSON.stringify(templates.all.map((t) => t.toJSON()));
const resources = templates.resources;
const build = (d: DistrictConfig) => () => buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), d, webDir);

describe('a district in AWS China (cn-north-1)', () => {
  it('is pinned to its region and names no partition or domain suffix of its own', () => {
    expect(stack.region).toBe('cn-north-1');
    // ARNs come from the partition pseudo parameter, endpoints from the URL suffix.
    expect(json).not.toMatch(/arn:aws:/);
    expect(json).not.toMatch(/arn:aws-cn:/);
    // "amazonaws.com" appears only as a service principal's name (the same names in aws-cn).
    const elsewhere: string[] = [];
    const walk = (v: unknown, key: string) => {
      if (typeof v === 'string') {
        if (v.includes('amazonaws.com') && !((key === 'Service' || key === 'Principal') && /^[a-z0-9-]+\.amazonaws\.com$/.test(v))) elsewhere.push(`${key}: ${v}`);
      } else if (Array.isArray(v)) for (const x of v) walk(x, key);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    for (const t of templates.all) walk(t.toJSON(), '');
    expect(elsewhere).toEqual([]);
  });

  it('has no Cognito resource, no WAF, no Function URL, no X-Ray, no origin access control', () => {
    for (const type of templates.all.flatMap((t) => Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type))) {
      expect(type).not.toMatch(/^AWS::Cognito::|^AWS::WAFv2::|^AWS::Lambda::Url$|^AWS::CloudFront::OriginAccessControl$|^AWS::XRay::/);
    }
    for (const [, fn] of resources('AWS::Lambda::Function')) expect(fn.Properties.TracingConfig).toBeUndefined();
    expect(json).not.toContain('cognito');
  });

  it('checks staff tokens with a JWT authorizer on the district\'s issuer and audience, on every staff route', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    const staff = authorizers.find(([, a]) => a.Properties.JwtConfiguration.Issuer === oidc.issuer);
    expect(staff, 'an authorizer on the configured issuer').toBeDefined();
    expect(staff![1].Properties).toMatchObject({ AuthorizerType: 'JWT', JwtConfiguration: { Audience: [oidc.clientId] }, IdentitySource: ['$request.header.Authorization'] });
    const resident = authorizers.find(([, a]) => JSON.stringify(a.Properties.JwtConfiguration.Audience) === JSON.stringify([RESIDENT_AUDIENCE]));
    expect(resident, 'the resident authorizer stays').toBeDefined();
    const routesByKey = new Map(resources('AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties.RouteKey, { id, r: r.Properties }]));
    for (const route of allRoutes) {
      const { id, r } = routesByKey.get(`${route.method} ${route.path}`)!;
      if (authorizerOf(route.access) === 'staff') expect(templates.resolved(r.AuthorizerId, id), route.path).toEqual({ Ref: staff![0] });
    }
  });

  it('tells every function the claim mapping, and audits sign-ins at first use with a put limited to sign-in and audit keys', () => {
    for (const route of allRoutes.filter((r) => authorizerOf(r.access) === 'staff')) {
      const fn = resources('AWS::Lambda::Function').find(([id]) => id.startsWith(functionId(route.handler)))![1];
      const env = fn.Properties.Environment.Variables;
      expect(JSON.parse(env.STAFF_CLAIMS)).toEqual(oidc.claims);
      expect(env.STAFF_SIGN_IN_AUDIT).toBe('first-use');
    }
    const firstUse = resources('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement).filter((s: any) => JSON.stringify(s.Condition ?? {}).includes('SIGNIN#*'));
    expect(firstUse.length).toBeGreaterThan(0);
    for (const s of firstUse) expect(s).toMatchObject({ Effect: 'Allow', Action: 'dynamodb:PutItem', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*', 'AUDIT#*'] } } });
  });

  it('serves the site on the district\'s domain with the IAM certificate, S3 through an origin access identity', () => {
    const dist = resources('AWS::CloudFront::Distribution')[0]![1];
    const config = dist.Properties.DistributionConfig;
    expect(config.Aliases).toEqual([cn.domain!.name]);
    expect(config.ViewerCertificate).toEqual({ IamCertificateId: (cn.domain!.certificate as { iamServerCertificateId: string }).iamServerCertificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(config.HttpVersion).toBe('http2');
    expect(config.IPV6Enabled).toBe(false);
    expect(config.PriceClass).toBeUndefined();
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    const s3 = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(JSON.stringify(s3.S3OriginConfig.OriginAccessIdentity)).toContain('origin-access-identity/cloudfront/');
  });

  it('gives the pages the issuer, the client and the ICP number, and lets them reach the issuer', () => {
    // /config.json is the deployment's second source, an asset written at synth.
    const assembly = app.synth({ force: true });
    const deploy = resources('Custom::CDKBucketDeployment')[0]![1];
    const configZip = String(deploy.Properties.SourceObjectKeys[1]).replace(/\.zip$/, '');
    const config = JSON.parse(readFileSync(join(assembly.directory, `asset.${configZip}`, 'config.json'), 'utf8'));
    expect(config).toEqual({ auth: { kind: 'oidc', issuer: oidc.issuer, clientId: oidc.clientId, redirectUri: `https://${cn.domain!.name}/admin.html` }, icp: cn.icp });
    const headers = resources('AWS::CloudFront::ResponseHeadersPolicy')[0]![1];
    const csp = JSON.stringify(headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain(`connect-src 'self' ${new URL(oidc.issuer).origin}`);
    // The photo bucket's regional origin, under the partition's own suffix (amazonaws.com.cn here).
    expect(csp).toMatch(/-photos-.*\.s3\..*AWS::URLSuffix/);
  });

  it('warns at synth that the public routes and the resident authorizer need the ICP-licensed account', () => {
    const warnings = stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('ICP licence') && w.includes('resident token authorizer'))).toBe(true);
  });

  it('passes cdk-nag AwsSolutions', () => {
    expect(() => app.synth({ force: true })).not.toThrow();
  });

  it('refuses, naming the field, what the China regions cannot run', () => {
    const { domain: _d, ...noDomain } = cn;
    expect(build(noDomain)).toThrow(/district "shinancn": domain is required in cn-north-1/);
    const { icp: _i, ...noIcp } = cn;
    expect(build(noIcp)).toThrow(/icp .*required in cn-north-1/);
    expect(build({ ...cn, domain: { name: cn.domain!.name, certificate: { acmArn: 'arn:aws-cn:acm:cn-north-1:111111111111:certificate/x' } } })).toThrow(/domain.certificate must be \{ iamServerCertificateId \}/);
    expect(build({ ...cn, staffIdentity: { kind: 'cognito' } })).toThrow(/staffIdentity must be \{ kind: 'oidc'/);
    expect(build({ ...cn, waf: { ratePer5Minutes: 300 } })).toThrow(/waf is not available in cn-north-1/);
    expect(build({ ...cn, region: 'cn-northwest-1', staffIdentity: undefined })).toThrow(/staffIdentity must be/);
    expect(build({ ...cn, staffIdentity: { ...oidc, issuer: 'http://id.example.cn' } })).toThrow(/staffIdentity.issuer/);
    expect(build({ ...cn, staffIdentity: { ...oidc, claims: { ...oidc.claims, roles: { admin: 'superuser' as never } } } })).toThrow(/staffIdentity.claims.roles\["admin"\]/);
    expect(build({ ...cn, icp: 'ICP 12345' })).toThrow(/icp "ICP 12345"/);
    // Tried by an attacker and a careless copy: the China checks skipped, odd values passed on.
    const { region: _r, ...noRegion } = cn;
    expect(build(noRegion)).toThrow(/region is required with icp or an IAM certificate/);
    expect(build({ ...cn, region: 'cn-north-9' })).toThrow(/"cn-north-9" is not a China region/);
    expect(build({ ...cn, domain: { name: cn.domain!.name, certificate: { iamServerCertificateId: '' } } })).toThrow(/starts with ASCA/);
    expect(build({ ...cn, staffIdentity: { ...oidc, connectOrigins: ['https://*'] } })).toThrow(/connectOrigins "https:\/\/\*"/);
    expect(build({ ...cn, staffIdentity: { ...oidc, issuer: "https://id.example.cn/a;script-src 'unsafe-inline'" } })).toThrow(/staffIdentity.issuer/);
    expect(build({ ...cn, throttle: { rate: -1, burst: 10 } })).toThrow(/throttle/);
    expect(build({ ...districtNamed('shinan'), staffIdentity: { kind: 'cognito', domainPrefix: 'Bad_Prefix!' } })).toThrow(/domainPrefix/);
    expect(build({ ...districtNamed('shinan'), domain: { name: 'gongzhi.example.com', certificate: { acmArn: 'hello' } } })).toThrow(/acmArn must be an ACM certificate ARN/);
    expect(build({ ...cn, staffIdentity: { ...oidc, endpoints: { authorization: 'http://id.example.cn/auth', token: 'https://id.example.cn/token' } } })).toThrow(/staffIdentity.endpoints.authorization must be an https URL/);
    // The local demo's zero notice period (npm start -- --notice-days 0) is never deployable.
    const shinan = districtNamed('shinan');
    expect(build({ ...shinan, votes: { ...shinan.votes, announceDays: 0 } })).toThrow(/votes.announceDays must be a whole number from 15 to 60/);
    expect(build({ ...shinan, votes: { ...shinan.votes, announceDays: 14 } })).toThrow(/votes.announceDays/);
    expect(build({ ...shinan, votes: { ...shinan.votes, announceDays: 15.5 } })).toThrow(/votes.announceDays/);
    // Appeals: limits in range, usable weights, a well-formed next year's calendar.
    expect(build({ ...shinan, appeals: { limits: { replyDays: 0 } } })).toThrow(/appeals.limits.replyDays/);
    expect(build({ ...shinan, appeals: { limits: { returnDays: 2.5 } } })).toThrow(/appeals.limits.returnDays/);
    expect(build({ ...shinan, appeals: { weights: { response: 0, resolution: 0, satisfaction: 0, onTime: 0 } } })).toThrow(/appeals.weights must not all be 0/);
    expect(build({ ...shinan, appeals: { weights: { response: -1 } } })).toThrow(/appeals.weights must each be/);
    expect(build({ ...shinan, appeals: { calendarYears: [{ year: 2027, holidays: ['2027-02-30'], workdays: [] }] } })).toThrow(/appeals.calendarYears\[2027\]: holidays: "2027-02-30"/);
    expect(build({ ...shinan, appeals: { calendarYears: [{ year: 2026, holidays: [], workdays: [] }] } })).toThrow(/2026 is in chinese-days already/);
    expect(build({ ...shinan, appeals: { limitsByType: { gossip: { replyDays: 3 } } as never } })).toThrow(/appeals.limitsByType.gossip is not an appeal type/);
    expect(build({ ...shinan, appeals: { limitsByType: { consult: { replyDays: 0 } } } })).toThrow(/appeals.limitsByType.consult.replyDays/);
    expect(build({ ...shinan, appeals: { limitsByCategory: { Heating: { replyDays: 2 } } } })).toThrow(/appeals.limitsByCategory.Heating is not a category code/);
    expect(build({ ...shinan, appeals: { open311PostsPerHour: 0 } })).toThrow(/appeals.open311PostsPerHour/);
    expect(build({ ...shinan, appeals: { limitsByType: { consult: { replyDays: 3 } }, limitsByCategory: { heating: { replyDays: 2 } } } })).not.toThrow();
    expect(build({ ...shinan, appeals: { limits: { replyDays: 5, contactHours: 2 }, calendarYears: [{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-02'] }] } })).not.toThrow();
  });
});
