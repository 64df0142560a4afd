import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { call } from './district.ts';

export interface MatterSpec { id: string; kind: 'ordinary' | 'special'; title?: string }

export const ordinaryAndSpecial: MatterSpec[] = [
  { id: 'm1', kind: 'ordinary', title: '选聘青岛海岸物业服务有限公司' },
  { id: 'm2', kind: 'special', title: '筹集专项维修资金用于电梯更新' },
];

/**
 * Announces a ballot that opens in `opensInMs` (the test district's rules allow announcing
 * today) and waits until it is open.
 */
export async function announce(district: LocalDistrict, token: string, compoundId: string, ballotId: string, o: { matters?: MatterSpec[]; opensInMs?: number; closesInMs?: number; wait?: boolean } = {}) {
  // On a loaded machine the request can arrive after an opening a second away: then the
  // district rightly refuses (notice_too_short) and the same ballot is announced a little later.
  for (let attempt = 0; ; attempt++) {
    try {
      return await announceOnce(district, token, compoundId, ballotId, { ...o, opensInMs: (o.opensInMs ?? 1200) * 2 ** attempt });
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('notice_too_short') || o.opensInMs !== undefined) throw error;
    }
  }
}

async function announceOnce(district: LocalDistrict, token: string, compoundId: string, ballotId: string, o: { matters?: MatterSpec[]; opensInMs?: number; closesInMs?: number; wait?: boolean }) {
  const opensAt = Date.now() + (o.opensInMs ?? 1200);
  const body = {
    title: `${ballotId} 业主大会表决`,
    matters: (o.matters ?? ordinaryAndSpecial).map((m) => ({ id: m.id, kind: m.kind, title: m.title ?? `事项 ${m.id}`, text: `关于${m.title ?? m.id}的方案全文，详见公告栏。`, attachments: [] })),
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + (o.closesInMs ?? 8 * 86_400_000)).toISOString(),
  };
  const res = await call(district, 'PUT', `/api/votes/compounds/${compoundId}/ballots/${ballotId}`, { token, body });
  if (res.status !== 201) throw new Error(`announce failed: ${res.status} ${res.text}`);
  if (o.wait !== false) await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now() + 50)));
  return res.json;
}

/**
 * The announced closing time arrives: tests cannot wait a week, so the stored closesAt is
 * moved to a second ago, as the clock would eventually do. Nothing else is touched.
 */
export async function closingTimeArrives(district: LocalDistrict, compoundId: string, ballotId: string) {
  await district.doc.send(new UpdateCommand({
    TableName: district.tableName, Key: { pk: `BALLOTS#${compoundId}`, sk: `BALLOT#${ballotId}` },
    UpdateExpression: 'SET closesAt = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': new Date(Date.now() - 1000).toISOString() },
  }));
}
