import type { AppealsConfig } from '../../shared/appeals/settings.ts';
import type { AssessmentConfig } from '../../shared/assessment/config.ts';
import type { Criterion } from '../../shared/evaluations/schemas.ts';
import type { VoteRules } from '../../shared/votes/rules.ts';
import type { StaffClaimMapping } from '../../shared/staff-claims.ts';

/**
 * How staff sign in. Cognito (global regions only: the China regions offer no user pools), or
 * the district's own OpenID Connect issuer: a government unified identity platform (统一身份
 * 认证), an IDaaS, Keycloak. Either way the page signs in with authorization code + PKCE and
 * API Gateway's JWT authorizer checks the ID token.
 */
export type StaffIdentity =
  | { kind: 'cognito'; /** Prefix of the managed login domain (unique per region); default gongzhi-ID. */ domainPrefix?: string }
  | {
    kind: 'oidc';
    /** The issuer URL exactly as the tokens' `iss` says it (https). */
    issuer: string;
    /** The client registered for the admin page (public client, PKCE, redirect https://DOMAIN/admin.html). */
    clientId: string;
    /** The tokens' `aud`, when it is not the client id. */
    audience?: string;
    /** Which claims carry the role and the scope, and what the issuer's role values mean here. */
    claims: StaffClaimMapping;
    /** Origins the page must reach besides the issuer's (a token endpoint on another host): the CSP's connect-src. */
    connectOrigins?: string[];
    /** The authorization and token endpoints, when the page cannot read the issuer's discovery document (no CORS on it). */
    endpoints?: { authorization: string; token: string };
  };

export interface DistrictConfig {
  /** Stack and resource prefix: lowercase letters and digits. */
  id: string;
  /** Shown on every page. */
  name: string;
  city: string;
  /** Leave both unset for an environment-agnostic stack (synth needs no account). A China district sets region (cn-north-1 or cn-northwest-1). */
  account?: string;
  region?: string;
  /** Steady-state and burst limits of the HTTP API, per second. */
  throttle: { rate: number; burst: number };
  /** Email that receives queue-depth alarms; alarms still exist without it. */
  alarmEmail?: string;
  /** Default: Cognito. Required (oidc) in the China regions. */
  staffIdentity?: StaffIdentity;
  /**
   * The district's own domain and its certificate: in ACM (us-east-1, CloudFront's region) in
   * the global regions; uploaded to IAM (its server certificate id) in the China regions, where
   * CloudFront takes no ACM certificate. Required in China: the default *.cloudfront.cn domain
   * serves nothing there.
   */
  domain?: { name: string; certificate: { acmArn: string } | { iamServerCertificateId: string } };
  /** The site's ICP recordal number (e.g. 鲁ICP备12345678号-1), shown in every page's footer. Required in China. */
  icp?: string;
  /**
   * A WAF web ACL in front of CloudFront: an existing one (its ARN, WAFv2, scope CLOUDFRONT,
   * made in us-east-1), or a rate-based rule made here, which needs the stack in us-east-1.
   * Not in the China regions (CloudFront there takes no web ACL of this kind).
   */
  waf?: { webAclArn: string } | { ratePer5Minutes: number };
  /** The district's rules for owner votes (announcement days, proxy cap, seats…); unset ones take Qingdao's. */
  votes?: Partial<VoteRules>;
  /** Appeals (issue 14): time limits, the composite's weights, and calendar years the `chinese-days` release lacks. */
  appeals?: AppealsConfig & {
    /** The district's 12345 platform: where acceptance, returns, extensions, replies and closures are sent (signed with the webhook key). */
    platform?: { feedbackUrl: string };
  };
  /**
   * What communities rate their paired departments on, each 1–5 (1 to 8 criteria, codes of lowercase
   * letters and digits): a round opened without its own takes these. Default: responsiveness,
   * effect of the joint projects, presence in the community, overall.
   */
  evaluationCriteria?: Criterion[];
  /** The quarterly assessment of communities (issue 15): aspects, classes, indicators with targets per class and sources; Shinan's scheme when unset. */
  assessment?: Partial<AssessmentConfig>;
}
