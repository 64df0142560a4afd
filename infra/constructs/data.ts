import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, tableNameFor } from '../table.ts';

/**
 * The data table (single-table design; no GSI yet: every access pattern is a key lookup or a
 * partition query) and the keys table, kept apart so that reading data never hands out keys.
 */
export class Data extends Construct {
  readonly table: TableV2;
  /** Key material for household codes and resident tokens, apart from the data it protects. */
  readonly keysTable: TableV2;
  constructor(scope: Construct, id: string, props: { districtId: string }) {
    super(scope, id);
    // Both tables: on-demand, point-in-time recovery, deletion protection, encrypted, kept.
    const safe = {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.table = new TableV2(this, 'Table', {
      ...safe,
      tableName: tableNameFor(props.districtId),
      dynamoStream: StreamViewType[TABLE.stream],
      timeToLiveAttribute: TABLE.ttlAttribute,
    });
    this.keysTable = new TableV2(this, 'Keys', { ...safe, tableName: `${tableNameFor(props.districtId)}-keys` });
  }
}
