// What synth refuses in a district config, one line each, naming the field. Pure, so the
// rules are tested without synthesizing (test/unit/district-config.test.ts).
import { mappingProblems } from '../../shared/staff-claims.ts';
import { OFFICIAL_YEARS, scheduleProblems } from '../../shared/appeals/calendar.ts';
import { APPEAL_TYPES } from '../../shared/appeals/types.ts';
import { assessmentProblems, DEFAULT_ASSESSMENT } from '../../shared/assessment/config.ts';
import { districtCriteriaProblems } from '../../shared/evaluations/criteria.ts';
import type { DistrictConfig } from './types.ts';
import type { Limits } from '../../shared/appeals/lifecycle.ts';

/** The shortest notice period a deployable district may set. */
export const MIN_NOTICE_DAYS = 15;

export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

export function inChina(d: Pick<DistrictConfig, 'region'>): boolean {
  return (CHINA_REGIONS as readonly (string | undefined)[]).includes(d.region);
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// 鲁ICP备12345678号, optionally -N: the province's one-character abbreviation, then the number.
const ICP = /^\p{Script=Han}ICP备\d{6,10}号(-\d{1,3})?$/u;

export function districtProblems(d: DistrictConfig): string[] {
  const p: string[] = [];
  const at = `district "${d.id}"`;
  if (!/^[a-z0-9]{2,20}$/.test(d.id)) p.push(`${at}: id must be 2 to 20 lowercase letters and digits`);
  if (d.region !== undefined && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(d.region)) p.push(`${at}: region "${d.region}" is not an AWS region name`);
  else if (d.region?.startsWith('cn-') && !inChina(d)) p.push(`${at}: region "${d.region}" is not a China region (${CHINA_REGIONS.join(' or ')})`);
  if (d.account !== undefined && !/^\d{12}$/.test(d.account)) p.push(`${at}: account must be a 12-digit AWS account id`);
  if (!(Number.isInteger(d.throttle?.rate) && d.throttle.rate > 0 && Number.isInteger(d.throttle?.burst) && d.throttle.burst > 0)) p.push(`${at}: throttle.rate and throttle.burst must be whole numbers above 0`);
  if (d.domain) {
    if (!HOST.test(d.domain.name)) p.push(`${at}: domain.name "${d.domain.name}" is not a host name (lowercase, no scheme or path)`);
    const cert = d.domain.certificate as Record<string, unknown> | undefined;
    if (!cert || (typeof cert.acmArn !== 'string' && typeof cert.iamServerCertificateId !== 'string')) p.push(`${at}: domain.certificate needs acmArn (global regions) or iamServerCertificateId (China regions)`);
    else if (typeof cert.acmArn === 'string' && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/.test(cert.acmArn)) p.push(`${at}: domain.certificate.acmArn must be an ACM certificate ARN in us-east-1 (CloudFront's region)`);
    else if (typeof cert.iamServerCertificateId === 'string' && !/^ASCA[A-Z0-9]{8,}$/.test(cert.iamServerCertificateId)) p.push(`${at}: domain.certificate.iamServerCertificateId must be the ServerCertificateId IAM gave (starts with ASCA)`);
  }
  if (d.icp !== undefined && !ICP.test(d.icp)) p.push(`${at}: icp "${d.icp}" is not an ICP recordal number such as 鲁ICP备12345678号-1`);
  // Without a region the stack is built for the global regions (origin access control, HTTP/3):
  // a config that is plainly for China must say where.
  if (d.region === undefined && (d.icp !== undefined || (d.domain && 'iamServerCertificateId' in d.domain.certificate))) p.push(`${at}: region is required with icp or an IAM certificate (${CHINA_REGIONS.join(' or ')} for a China district)`);
  // 业主大会和业主委员会指导规则 art. 24: owners are told 15 days ahead. Shorter is for the local demo only (npm start -- --notice-days 0).
  if (d.votes?.announceDays !== undefined && !(Number.isInteger(d.votes.announceDays) && d.votes.announceDays >= MIN_NOTICE_DAYS && d.votes.announceDays <= 60)) p.push(`${at}: votes.announceDays must be a whole number from ${MIN_NOTICE_DAYS} to 60 (matters are announced at least 15 days before voting opens); a shorter notice is for the local demo only (npm start -- --notice-days 0)`);
  p.push(...appealProblems(d).map((m) => `${at}: ${m}`));
  const id = d.staffIdentity ?? { kind: 'cognito' as const };
  if (id.kind === 'cognito' && id.domainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(id.domainPrefix)) p.push(`${at}: staffIdentity.domainPrefix must be lowercase letters, digits and hyphens (Cognito's rule)`);
  if (id.kind === 'oidc') {
    // The issuer also goes into the pages' CSP: a host and a plain path, nothing a policy would read as syntax.
    if (!/^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/.test(id.issuer) || id.issuer.endsWith('/')) p.push(`${at}: staffIdentity.issuer must be the https issuer URL exactly as the tokens' iss says it, without a trailing /`);
    if (!/^[\x21-\x7e]{1,200}$/.test(id.clientId ?? '')) p.push(`${at}: staffIdentity.clientId is required (the admin page's client at the issuer)`);
    if (id.audience !== undefined && !/^[\x21-\x7e]{1,200}$/.test(id.audience)) p.push(`${at}: staffIdentity.audience must be printable ASCII`);
    p.push(...mappingProblems(id.claims ?? ({} as never), 'staffIdentity.claims').map((m) => `${at}: ${m}`));
    for (const [k, u] of Object.entries(id.endpoints ?? {})) if (!/^https:\/\/[^\s]+$/.test(u)) p.push(`${at}: staffIdentity.endpoints.${k} must be an https URL`);
    for (const o of id.connectOrigins ?? []) if (!/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(o)) p.push(`${at}: staffIdentity.connectOrigins "${o}" must be an https origin (no path)`);
  }
  if (inChina(d)) {
    const why = 'the China regions require it';
    if (!d.domain) p.push(`${at}: domain is required in ${d.region} (CloudFront there serves only a domain with an ICP recordal; ${why})`);
    else if (!('iamServerCertificateId' in d.domain.certificate)) p.push(`${at}: domain.certificate must be { iamServerCertificateId } in ${d.region} (CloudFront there takes no ACM certificate: upload it to IAM)`);
    if (!d.icp) p.push(`${at}: icp (the site's ICP recordal number) is required in ${d.region}, shown in every page's footer`);
    if (id.kind !== 'oidc') p.push(`${at}: staffIdentity must be { kind: 'oidc', … } in ${d.region} (Cognito user pools are not offered there)`);
    if (d.waf) p.push(`${at}: waf is not available in ${d.region} (CloudFront there takes no WAF web ACL of scope CLOUDFRONT); remove it`);
  }
  if (d.evaluationCriteria !== undefined) p.push(...districtCriteriaProblems(d.evaluationCriteria).map((x) => `${at}: ${x}`));
  if (d.assessment) p.push(...assessmentProblems({ ...DEFAULT_ASSESSMENT, ...d.assessment }).map((x) => `${at}: ${x}`));
  return p;
}

type Whole = (v: unknown, min: number, max: number) => boolean;

function limitProblems(field: string, l: Partial<Limits>, whole: Whole): string[] {
  const p: string[] = [];
  if (l.replyDays !== undefined && !whole(l.replyDays, 1, 60)) p.push(`appeals.${field}.replyDays must be a whole number of working days from 1 to 60`);
  if (l.returnDays !== undefined && !whole(l.returnDays, 1, 10)) p.push(`appeals.${field}.returnDays must be a whole number of working days from 1 to 10`);
  if (l.maxExtensionDays !== undefined && !whole(l.maxExtensionDays, 0, 30)) p.push(`appeals.${field}.maxExtensionDays must be a whole number of working days from 0 to 30`);
  if (l.contactHours !== undefined && l.contactHours !== null && !(typeof l.contactHours === 'number' && l.contactHours > 0 && l.contactHours <= 72)) p.push(`appeals.${field}.contactHours must be above 0 and at most 72 (or null for none)`);
  return p;
}

/** The appeals section: limits in their legal ranges, usable weights, well-formed calendar years. */
function appealProblems(d: DistrictConfig): string[] {
  const a = d.appeals;
  if (!a) return [];
  const p: string[] = [];
  const whole = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  for (const [field, l] of [['limits', a.limits ?? {}], ['enterpriseLimits', a.enterpriseLimits ?? {}]] as const) p.push(...limitProblems(field, l, whole));
  for (const [type, l] of Object.entries(a.limitsByType ?? {})) {
    if (!(APPEAL_TYPES as readonly string[]).includes(type)) p.push(`appeals.limitsByType.${type} is not an appeal type (${APPEAL_TYPES.join(', ')})`);
    else p.push(...limitProblems(`limitsByType.${type}`, l ?? {}, whole));
  }
  for (const [code, l] of Object.entries(a.limitsByCategory ?? {})) {
    if (!/^[a-z][a-z0-9-]{1,31}$/.test(code)) p.push(`appeals.limitsByCategory.${code} is not a category code (lowercase letters, digits and -)`);
    else p.push(...limitProblems(`limitsByCategory.${code}`, l ?? {}, whole));
  }
  if (a.open311PostsPerHour !== undefined && !whole(a.open311PostsPerHour, 1, 100_000)) p.push('appeals.open311PostsPerHour must be a whole number from 1 to 100000');
  if (a.platform) {
    let url: URL | null = null;
    try { url = new URL(a.platform.feedbackUrl); } catch { /* reported below */ }
    if (!url || url.protocol !== 'https:') p.push('appeals.platform.feedbackUrl must be an https:// URL');
  }
  const w = a.weights ?? {};
  const weights = Object.entries(w);
  if (weights.some(([, v]) => !(typeof v === 'number' && v >= 0 && v <= 1))) p.push('appeals.weights must each be a number from 0 to 1');
  else if (weights.length && weights.every(([, v]) => v === 0)) p.push('appeals.weights must not all be 0');
  const years = new Set<number>();
  for (const y of a.calendarYears ?? []) {
    for (const m of scheduleProblems(y)) p.push(`appeals.calendarYears[${y.year}]: ${m}`);
    if (years.has(y.year)) p.push(`appeals.calendarYears: ${y.year} is given twice`);
    years.add(y.year);
    if (OFFICIAL_YEARS.some((o) => o.year === y.year)) p.push(`appeals.calendarYears: ${y.year} is in chinese-days already; a district's copy would hide a later correction of it`);
  }
  return p;
}
