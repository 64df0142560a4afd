import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, tableNameFor } from '../table.ts';

/** The one table (single-table design). No GSI yet: every access pattern is a key lookup or a partition query. */
export class Data extends Construct {
  readonly table: TableV2;
  /** Key material for household codes and resident tokens, apart from the data it protects. */
  readonly keysTable: TableV2;
  constructor(scope: Construct, id: string, props: { districtId: string }) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      tableName: tableNameFor(props.districtId),
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      dynamoStream: StreamViewType[TABLE.stream],
      timeToLiveAttribute: TABLE.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.keysTable = new TableV2(this, 'Keys', {
      tableName: `${tableNameFor(props.districtId)}-keys`,
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
