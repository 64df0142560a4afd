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

/** Every manifest queue with its DLQ and two alarms: a backlog on the queue, anything in the DLQ. */
export class Queues extends Construct {
  readonly byName = new Map<string, ManifestQueue>();
  constructor(scope: Construct, id: string, props: { defs: QueueDef[]; alarmTopic: ITopic }) {
    super(scope, id);
    const action = new SnsAction(props.alarmTopic);
    for (const def of props.defs) {
      const dlq = secureQueue(this, `${def.name}-dlq`, def.fifo, { retentionPeriod: Duration.days(14) });
      const queue = secureQueue(this, def.name, def.fifo, {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      });
      new Alarm(this, `${def.name}-dlq-depth`, {
        alarmDescription: `Messages in the DLQ of ${def.name}: a consumer gave up on them`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
      new Alarm(this, `${def.name}-depth`, {
        alarmDescription: `Backlog on ${def.name}: the consumer is not keeping up`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1000,
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
      this.byName.set(def.name, { def, queue, dlq });
    }
  }
}
