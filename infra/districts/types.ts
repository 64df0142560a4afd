import type { VoteRules } from '../../shared/votes/rules.ts';

export interface DistrictConfig {
  /** Stack and resource prefix: lowercase letters and digits. */
  id: string;
  /** Shown on every page. */
  name: string;
  city: string;
  /** Leave both unset for an environment-agnostic stack (synth needs no account). */
  account?: string;
  region?: string;
  /** Steady-state and burst limits of the HTTP API, per second. */
  throttle: { rate: number; burst: number };
  /** Email that receives queue-depth alarms; alarms still exist without it. */
  alarmEmail?: string;
  /** Prefix of the staff sign-in domain (globally unique per region); default gongzhi-ID. */
  authDomainPrefix?: string;
  /** The district's own domain, with an ACM certificate in us-east-1 (CloudFront's region). */
  domain?: { name: string; certificateArn: string };
  /**
   * A WAF web ACL in front of CloudFront: an existing one (its ARN, WAFv2, scope CLOUDFRONT,
   * made in us-east-1), or a rate-based rule made here, which needs the stack in us-east-1.
   */
  waf?: { webAclArn: string } | { ratePer5Minutes: number };
  /** The district's rules for owner votes (announcement days, proxy cap, seats…); unset ones take Qingdao's. */
  votes?: Partial<VoteRules>;
}
