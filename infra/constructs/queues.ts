import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { QueueDef } from '../../functions/manifest.ts';

export interface ManifestQueue { def: QueueDef; queue: Queue; dlq: Queue }

function secureQueue(scope: Construct, id: string, fifo: boolean, extra: Partial<ConstructorParameters<typeof Queue>[2]> = {}) {
  return new Queue(scope, id, {
    fifo: fifo || undefined,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...extra,
  });
}

/** An alarm on the visible messages of a queue: for a DLQ, any message at all. */
export function depthAlarm(scope: Construct, id: string, queue: Queue, topic: ITopic, description: string, o = { threshold: 1, minutes: 1, periods: 1 }) {
  new Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(o.minutes) }),
    threshold: o.threshold,
    evaluationPeriods: o.periods,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  }).addAlarmAction(new SnsAction(topic));
}

/** Every manifest queue with its DLQ and two alarms: a backlog on the queue, anything in the DLQ. */
export class Queues extends Construct {
  readonly byName = new Map<string, ManifestQueue>();
  constructor(scope: Construct, id: string, props: { defs: QueueDef[]; alarmTopic: ITopic }) {
    super(scope, id);
    for (const def of props.defs) {
      const dlq = secureQueue(this, `${def.name}-dlq`, def.fifo, { retentionPeriod: Duration.days(14) });
      const queue = secureQueue(this, def.name, def.fifo, {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      });
      depthAlarm(this, `${def.name}-dlq-depth`, dlq, props.alarmTopic, `Messages in the DLQ of ${def.name}: a consumer gave up on them`);
      depthAlarm(this, `${def.name}-depth`, queue, props.alarmTopic, `Backlog on ${def.name}: the consumer is not keeping up`, { threshold: 1000, minutes: 5, periods: 3 });
      this.byName.set(def.name, { def, queue, dlq });
    }
  }
}
