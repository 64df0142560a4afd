import { Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, OAuthScope, StandardThreatProtectionMode, CfnUserPoolGroup, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_ROLES } from '../../shared/access.ts';

/** The scope attribute, without its `custom:` prefix. */
const SCOPE_ATTRIBUTE = 'scope_id';

/**
 * Staff, committee and department users. Role = Cognito group; scope = custom:scope_id
 * (street, community, compound or department id). Accounts are created by a district
 * admin, never by self sign-up.
 */
export interface AuthProps {
  /** Prefix of the Cognito managed-login domain: https://PREFIX.auth.REGION.amazoncognito.com */
  domainPrefix: string;
  /** Where managed login returns to: the admin page, known once the CDN exists (hence lazy). */
  callbackUrls: () => string[];
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domainUrl: string;
  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      // Mutable on purpose: a district admin moves a staff member to another scope with
      // AdminUpdateUserAttributes, which cannot change an immutable attribute (and Cognito cannot
      // change an existing pool's attribute to immutable without replacing the pool and its
      // users). Users themselves can never write it: it is not in the client's writeAttributes.
      customAttributes: { [SCOPE_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 48, mutable: true }) },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.NONE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of STAFF_ROLES) new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    const domain = this.userPool.addDomain('Login', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.domainUrl = domain.baseUrl();
    const urls = Lazy.list({ produce: props.callbackUrls });
    this.client = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      // Managed login with the authorization-code flow and PKCE: the page holds no secret.
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.PROFILE], callbackUrls: urls, logoutUrls: urls },
      generateSecret: false,
      // What the ID token carries: the name and the scope (the role is the cognito:groups claim).
      readAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }).withCustomAttributes(SCOPE_ATTRIBUTE),
      // What a signed-in user may change about themselves with their own access token
      // (UpdateUserAttributes): the language only. Never the scope (custom:scope_id), which only
      // an admin sets, nor the name colleagues know them by. The list must not be empty: an empty
      // WriteAttributes is Cognito's default, every standard attribute writable.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });
  }
}
