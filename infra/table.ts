// The one table, described once for the CDK stack and for the local district.
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** New images feed the outbox relay. */
  stream: 'NEW_IMAGE',
} as const;

export function tableNameFor(districtId: string): string {
  return `gongzhi-${districtId}`;
}
