// One stack per district, built from the manifest: data, queues, auth, api, web, and the
// stream relay that turns outbox items into queue messages.
import { VoteRules } from '../shared/votes/rules.ts';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { allQueues, allRoutes, streamRelay, triggers } from '../functions/manifest.ts';
import { OUTBOX_PREFIX } from '../functions/lib/keys.ts';
import type { DistrictConfig } from './districts/types.ts';
import { Data } from './constructs/data.ts';
import { Queues, depthAlarm } from './constructs/queues.ts';
import { Auth } from './constructs/auth.ts';
import { Api, functionId } from './constructs/api.ts';
import { Web } from './constructs/web.ts';
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
    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      DISTRICT_NAME: district.name,
      QUEUE_URLS: Stack.of(this).toJsonString(Object.fromEntries([...queues.byName].map(([name, q]) => [name, q.queue.queueUrl]))),
      POWERTOOLS_SERVICE_NAME: 'gongzhi',
      // Checked at synth, so a district with impossible rules never deploys.
      VOTE_RULES: JSON.stringify(VoteRules.parse(district.votes ?? {})),
    };

    let pagesUrl = '';
    const auth = new Auth(this, 'Auth', {
      domainPrefix: district.authDomainPrefix ?? `gongzhi-${district.id}`,
      callbackUrls: () => [`${pagesUrl}/admin.html`],
    });
    const signIns = new GongzhiFunction(this, functionId(triggers.postAuthentication.handler), { module: triggers.postAuthentication.handler, environment });
    table.grantWriteData(signIns);
    auth.userPool.addTrigger(UserPoolOperation.POST_AUTHENTICATION, signIns);

    const api = new Api(this, 'Api', { routes: allRoutes, table, keysTable, environment, userPool: auth.userPool, client: auth.client, throttle: district.throttle });

    for (const { def, queue } of queues.byName.values()) {
      const fn = new GongzhiFunction(this, functionId(def.consumer), { module: def.consumer, environment, timeoutSeconds: Math.floor(def.visibilityTimeoutSeconds / 6) || 10 });
      table.grantReadWriteData(fn);
      // More than 10 messages per batch needs a batching window (Lambda's rule).
      fn.addEventSource(new SqsEventSource(queue, { batchSize: def.batchSize, reportBatchItemFailures: true, ...(def.batchSize > 10 ? { maxBatchingWindow: Duration.seconds(1) } : {}) }));
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
      webDir: props.webDir,
      domain: district.domain,
      // The admin page exchanges its sign-in code at the Cognito domain's token endpoint.
      connectSources: [auth.domainUrl],
      // Read by the pages at start: how staff sign in here.
      config: (url) => ({ auth: { kind: 'cognito', domain: auth.domainUrl, clientId: auth.client.userPoolClientId, redirectUri: `${url}/admin.html` } }),
    });
    pagesUrl = web.url;

    new CfnOutput(this, 'Url', { value: web.url });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }
}
