// One stack per district, built from the manifest: data, queues, auth, api, web, and the
// stream relay that turns outbox items into queue messages.
import { VoteRules } from '../shared/votes/rules.ts';
import { Annotations, CfnOutput, Duration, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { allQueues, allRoutes, routes as routesByName, schedules, streamRelay, triggers } from '../functions/manifest.ts';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { OUTBOX_PREFIX } from '../functions/lib/keys.ts';
import { CODE_FAILURES_ALARM_MESSAGE } from '../functions/lib/signals.ts';
import type { DistrictConfig } from './districts/types.ts';
import { inChina } from './districts/validate.ts';
import { Data } from './constructs/data.ts';
import { Queues, depthAlarm } from './constructs/queues.ts';
import { Auth } from './constructs/auth.ts';
import { Api, functionId } from './constructs/api.ts';
import { Web } from './constructs/web.ts';
import { Photos } from './constructs/photos.ts';
import { GongzhiFunction } from './constructs/function.ts';

export interface DistrictStackProps extends StackProps {
  district: DistrictConfig;
  webDir: string | null;
}

export class DistrictStack extends Stack {
  constructor(scope: Construct, id: string, props: DistrictStackProps) {
    super(scope, id, props);
    const { district } = props;
    const { table, keysTable } = new Data(this, 'Data', { districtId: district.id });

    const alarmKey = new Key(this, 'AlarmKey', { enableKeyRotation: true, description: 'Encrypts the alarm topic' });
    const alarmTopic = new Topic(this, 'Alarms', { masterKey: alarmKey, enforceSSL: true });
    // CloudWatch publishes alarms to the encrypted topic with this key.
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    if (district.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(district.alarmEmail));

    const queues = new Queues(this, 'Queues', { defs: allQueues, alarmTopic });

    // CloudFront adds this secret to every request it sends to the API; the handlers refuse
    // requests without it, so the viewer address they key limits on cannot be forged.
    const originSecret = new Secret(this, 'OriginSecret', {
      description: 'Header value CloudFront sends to the API (x-gongzhi-origin)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(originSecret).acknowledge({ id: 'AwsSolutions::AwsSolutions-SMG4', reason: 'The origin secret is read at deploy time into CloudFront and the functions together; rotate it by putting a new value and redeploying, which changes both at once.' });
    const originSecretValue = originSecret.secretValue.unsafeUnwrap();

    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      DISTRICT_NAME: district.name,
      QUEUE_URLS: Stack.of(this).toJsonString(Object.fromEntries([...queues.byName].map(([name, q]) => [name, q.queue.queueUrl]))),
      POWERTOOLS_SERVICE_NAME: 'gongzhi',
      // Checked at synth, so a district with impossible rules never deploys.
      VOTE_RULES: JSON.stringify(VoteRules.parse(district.votes ?? {})),
      APPEALS: JSON.stringify({ ...district.appeals, platform: undefined }),
      PLATFORM_FEEDBACK_URL: district.appeals?.platform?.feedbackUrl ?? '',
      ASSESSMENT: JSON.stringify(district.assessment ?? {}),
      ...(district.evaluationCriteria ? { EVALUATION_CRITERIA: JSON.stringify(district.evaluationCriteria) } : {}),
    };
    const apiEnvironment = { ...environment, ORIGIN_SECRET: originSecretValue };

    let pagesUrl = '';
    const staffIdentity = this.staffIdentity(district, environment, table, () => pagesUrl);
    const photos = new Photos(this, 'Photos', { districtId: district.id, siteUrl: () => pagesUrl });
    const api = new Api(this, 'Api', {
      routes: allRoutes, table, keysTable, photos, throttle: district.throttle, siteUrl: () => pagesUrl,
      environment: { ...apiEnvironment, ...staffIdentity.environment },
      staffIssuer: staffIdentity.issuer, staffAudience: staffIdentity.audience,
    });
    if (staffIdentity.auditsFirstUse) {
      // Read-only functions record a token's first use too: a put of the sign-in marker and its
      // audit entry, and nothing else (functions/lib/sign-in-audit.ts).
      const firstUse = new PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*', 'AUDIT#*'] } },
      });
      for (const route of allRoutes) if ('roles' in route.access && route.method === 'GET') api.functions.get(route.handler)!.addToRolePolicy(firstUse);
    }

    // Wrong household codes naming one compound: the handler logs a warning past the
    // threshold (and slows wrong tries); the district hears of it here.
    const exchange = api.functions.get(routeHandler('codeExchange'))!;
    const failures = new MetricFilter(this, 'CodeFailuresFilter', {
      logGroup: exchange.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', CODE_FAILURES_ALARM_MESSAGE),
      metricNamespace: `gongzhi/${district.id}`,
      metricName: 'HouseholdCodeFailureFloods',
      metricValue: '1',
    });
    new Alarm(this, 'CodeFailuresAlarm', {
      alarmDescription: 'Many wrong household codes naming one compound (guessing or a broken letter batch): see the code-exchange logs',
      metric: failures.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(alarmTopic));

    for (const { def, queue } of queues.byName.values()) {
      const fn = new GongzhiFunction(this, functionId(def.consumer), {
        module: def.consumer, timeoutSeconds: Math.floor(def.visibilityTimeoutSeconds / 6) || 10,
        environment: def.keys ? { ...environment, KEYS_TABLE_NAME: keysTable.tableName } : environment,
      });
      table.grantReadWriteData(fn);
      if (def.keys) keysTable.grantReadData(fn);
      for (const name of def.sendsTo ?? []) queues.byName.get(name)!.queue.grantSendMessages(fn);
      // More than 10 messages per batch needs a batching window (Lambda's rule).
      fn.addEventSource(new SqsEventSource(queue, { batchSize: def.batchSize, reportBatchItemFailures: true, ...(def.batchSize > 10 ? { maxBatchingWindow: Duration.seconds(1) } : {}) }));
    }

    for (const [name, def] of Object.entries(schedules)) {
      const fn = new GongzhiFunction(this, functionId(def.handler), { module: def.handler, environment, timeoutSeconds: def.timeoutSeconds });
      table.grantReadWriteData(fn);
      new Rule(this, `Schedule-${name}`, { schedule: Schedule.rate(Duration.minutes(def.everyMinutes)), targets: [new LambdaFunction(fn, { retryAttempts: 0 })] });
    }

    const relayDlq = new Queue(this, 'RelayDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(relayDlq).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason: 'This queue is itself a DLQ: the on-failure destination of the stream relay.' });
    const relay = new GongzhiFunction(this, 'StreamRelay', { module: streamRelay.handler, environment, timeoutSeconds: 30 });
    table.grantReadWriteData(relay);
    for (const { queue } of queues.byName.values()) queue.grantSendMessages(relay);
    relay.addEventSource(new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: streamRelay.batchSize,
      retryAttempts: streamRelay.retryAttempts,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(relayDlq),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(OUTBOX_PREFIX) } } } })],
    }));
    depthAlarm(this, 'RelayDlqDepth', relayDlq, alarmTopic, 'Outbox events the relay could not send: they are still in the table (pk OUTBOX#...)');

    // The audit trail is append-only: no function may update, delete or batch-overwrite an
    // audit item (new ones are conditional puts in the writer's own transaction).
    const appendOnly = new PolicyStatement({
      effect: Effect.DENY,
      actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
    });
    for (const fn of this.node.findAll().filter((c): c is GongzhiFunction => c instanceof GongzhiFunction)) fn.addToRolePolicy(appendOnly);

    const web = new Web(this, 'Web', {
      api: api.httpApi,
      originSecret: originSecretValue,
      webAclArn: this.webAcl(district),
      webDir: props.webDir,
      domain: district.domain,
      china: inChina(district),
      // The admin page reads the issuer's discovery document and exchanges its code there.
      connectSources: [...staffIdentity.connectSources, photos.origin],
      // Staff see an appeal's photos through short links to the bucket.
      imageSources: [photos.origin],
      // Read by the pages at start: how staff sign in here, and the ICP number for the footer.
      config: (url) => ({ auth: staffIdentity.pageConfig(url), ...(district.icp ? { icp: district.icp } : {}) }),
    });
    pagesUrl = web.url;

    new CfnOutput(this, 'Url', { value: web.url });
    new CfnOutput(this, 'StaffSignInRedirectUri', { value: `${web.url}/admin.html`, description: 'Register this redirect URI for the admin page\'s client at the identity provider' });
    if (inChina(district)) {
      Annotations.of(this).addWarning(`${district.region}: API Gateway answers the public routes and the resident token authorizer (whose keys it fetches from the site) only for an account with an ICP licence, and CloudFront serves only ${district.domain?.name} once its ICP recordal is done. README: Deploy a district in China.`);
    }
  }

  /** Cognito (a user pool, its sign-in trigger) or the district's own OIDC issuer: what the API, the functions and the pages need to know. */
  private staffIdentity(district: DistrictConfig, environment: Record<string, string>, table: Data['table'], pagesUrl: () => string) {
    const id = district.staffIdentity ?? { kind: 'cognito' as const };
    if (id.kind === 'oidc') {
      return {
        issuer: id.issuer,
        audience: id.audience ?? id.clientId,
        // No trigger runs at an external issuer: the functions audit a sign-in at its token's first use.
        environment: { STAFF_CLAIMS: JSON.stringify(id.claims), STAFF_SIGN_IN_AUDIT: 'first-use' } as Record<string, string>,
        auditsFirstUse: true,
        connectSources: [...new Set([new URL(id.issuer).origin, ...(id.endpoints ? [new URL(id.endpoints.token).origin] : []), ...(id.connectOrigins ?? [])])],
        pageConfig: (url: string) => ({ kind: 'oidc', issuer: id.issuer, clientId: id.clientId, redirectUri: `${url}/admin.html`, ...(id.endpoints ? { endpoints: id.endpoints } : {}) }),
      };
    }
    const auth = new Auth(this, 'Auth', {
      domainPrefix: id.domainPrefix ?? `gongzhi-${district.id}`,
      callbackUrls: () => [`${pagesUrl()}/admin.html`],
    });
    const signIns = new GongzhiFunction(this, functionId(triggers.postAuthentication.handler), { module: triggers.postAuthentication.handler, environment });
    table.grantWriteData(signIns);
    auth.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, signIns);
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    return {
      issuer: auth.userPool.userPoolProviderUrl,
      audience: auth.client.userPoolClientId,
      environment: {} as Record<string, string>,
      auditsFirstUse: false,
      // The admin page exchanges its sign-in code at the Cognito domain's token endpoint.
      connectSources: [auth.domainUrl],
      // Cognito's endpoints are given: its managed login domain is not the issuer named in its tokens.
      pageConfig: (url: string) => ({ kind: 'oidc', issuer: auth.userPool.userPoolProviderUrl, clientId: auth.client.userPoolClientId, redirectUri: `${url}/admin.html`, endpoints: { authorization: `${auth.domainUrl}/oauth2/authorize`, token: `${auth.domainUrl}/oauth2/token` } }),
    };
  }

  /** The district's WAF web ACL for CloudFront, if it asked for one. */
  private webAcl(district: DistrictConfig): string | undefined {
    const waf = district.waf;
    if (!waf) return undefined;
    if ('webAclArn' in waf) return waf.webAclArn;
    // CloudFront web ACLs exist only in us-east-1; a stack elsewhere cannot make one.
    if (Token.isUnresolved(this.region) || this.region !== 'us-east-1') {
      throw new Error(`District "${district.id}": waf.ratePer5Minutes needs the stack in us-east-1 (set region); elsewhere make the web ACL in us-east-1 and set waf.webAclArn.`);
    }
    if (!Number.isInteger(waf.ratePer5Minutes) || waf.ratePer5Minutes < 10) throw new Error(`District "${district.id}": waf.ratePer5Minutes must be a whole number of at least 10 (WAF's minimum).`);
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: `gongzhi-${district.id}-${name}` });
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('acl'),
      rules: [{
        name: 'RatePerViewer',
        priority: 0,
        action: { block: {} },
        // Per viewer address over any 5 minutes, the API only: pages are static and cached.
        statement: { rateBasedStatement: { limit: waf.ratePer5Minutes, aggregateKeyType: 'IP', scopeDownStatement: { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: '/api/', textTransformations: [{ priority: 0, type: 'NONE' }] } } } },
        visibilityConfig: metric('rate'),
      }],
    });
    return acl.attrArn;
  }
}

function routeHandler(name: keyof typeof routesByName): string {
  return routesByName[name].handler;
}
