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
  /** The district's rules for owner votes (announcement days, proxy cap, seats…); unset ones take Qingdao's. */
  votes?: Partial<VoteRules>;
}
