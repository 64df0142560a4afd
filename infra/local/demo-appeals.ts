// The demo district's appeals setup: its departments, the category catalogue and the routing
// table (property matters to the compound's community, noise to the street, the city's
// matters to the departments; anything else to the hotline centre).
import type { RoutingBody } from '../../shared/appeals/schemas.ts';
import { rng, type DemoDistrict } from './demo-district.ts';

export const DEMO_DEPARTMENTS = [
  { id: 'dep-zhujian', name: '市南区住房和城乡建设局', platformCode: 'SN-ZJJ' },
  { id: 'dep-chengguan', name: '市南区城市管理局', platformCode: 'SN-CGJ' },
  { id: 'dep-shichang', name: '市南区市场监督管理局', platformCode: 'SN-SJJ' },
] as const;

export const DEMO_CATEGORIES: RoutingBody['categories'] = [
  { code: 'property', name: '物业管理', aliases: ['物业服务', '物业'] },
  { code: 'noise', name: '噪音扰民', aliases: ['噪声'] },
  { code: 'cityscape', name: '市容环境', aliases: ['环境卫生', '垃圾'] },
  { code: 'heating', name: '供暖供热', aliases: ['供热', '暖气'] },
  { code: 'municipal', name: '市政设施', aliases: ['道路', '路灯', '井盖'] },
  { code: 'market', name: '市场监管', aliases: ['消费维权', '食品安全'] },
  { code: 'other', name: '其他', aliases: [] },
];

export function demoRouting(d: DemoDistrict): Omit<RoutingBody, 'rev'> {
  return {
    categories: DEMO_CATEGORIES,
    rules: [
      ...d.communities.map((c) => ({ category: 'property', place: { communityId: c.id }, unit: { kind: 'community' as const, id: c.id } })),
      ...d.streets.map((s) => ({ category: 'noise', place: { streetId: s.id }, unit: { kind: 'street' as const, id: s.id } })),
      { category: 'cityscape', unit: { kind: 'department', id: 'dep-chengguan' } },
      { category: 'municipal', unit: { kind: 'department', id: 'dep-chengguan' } },
      { category: 'heating', unit: { kind: 'department', id: 'dep-zhujian' } },
      { category: 'market', unit: { kind: 'department', id: 'dep-shichang' } },
    ],
  };
}

/**
 * A year of demo cases (2,000 on `npm start`), every one through the lifecycle's own rules:
 * its steps are folded with applyStep at the times they happened, so deadlines, extensions,
 * returns and reworks are what the district's calendar says. Old cases are closed (a few
 * invalid or merged); the last two weeks' are in every open state, some carded. One write per
 * case (the record, its timeline, its lists) and one event, so the live figures count them.
 * Made once: a start that finds the marker leaves them be.
 */
export async function seedAppeals(d: DemoDistrict, count: number): Promise<number> {
  const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb, tableName } = await import('../../functions/lib/clients.ts');
  const marker = { pk: 'APPEALS', sk: 'DEMO' };
  if ((await ddb.send(new GetCommand({ TableName: tableName(), Key: marker }))).Item) return 0;
  const { caseOf } = await import('../../functions/appeals/intake.ts');
  const { commitCase } = await import('../../functions/appeals/case-record.ts');
  const { applyStep } = await import('../../shared/appeals/lifecycle.ts');
  const { cardAt } = await import('../../shared/appeals/deadlines.ts');
  const { unitKey } = await import('../../shared/appeals/permissions.ts');
  const { appealsSettings } = await import('../../functions/appeals/settings.ts');
  const { limitsFor } = await import('../../shared/appeals/settings.ts');
  const { demoWorkOrder } = await import('./platform-12345.ts');
  const { keys } = await import('../../functions/lib/keys.ts');
  const r = rng(14);
  const now = Date.now();
  const HOUR = 3_600_000;
  const settings = appealsSettings();
  const departmentUnits = DEMO_DEPARTMENTS.map((x) => ({ kind: 'department' as const, id: x.id }));
  let made = 0;
  let next = 0;
  let lastId: string | null = null;
  const one = async (i: number) => {
    // Spread over the year, more of them recent (a busy district's backlog is this month's).
    const age = i < count * 0.06 ? r.next() * 14 * 24 * HOUR : 14 * 24 * HOUR + r.next() * 350 * 24 * HOUR;
    const receivedAt = new Date(now - age).toISOString();
    const order = { ...demoWorkOrder(i + 1, 20261), receivedAt, orderNo: `QD-DEMO-${String(i + 1).padStart(6, '0')}` };
    const record = await caseOf({ channel: '12345', type: order.type, categoryWord: order.category, content: order.content, address: order.address, phone: order.callerPhone, urgency: order.urgency, enterprise: order.enterprise, receivedAt, order: { no: order.orderNo, revision: 1 } }, new Date(Date.parse(receivedAt) + 60_000));
    const limits = limitsFor(settings, record);
    const timeline: { kind: string; at: string; by: Record<string, unknown>; detail?: Record<string, unknown> }[] = [{ kind: 'received', at: receivedAt, by: { role: 'platform' }, detail: { orderNo: order.orderNo, revision: 1 } }];
    let view = record.view;
    let unit = record.suggestion?.unit ?? r.pick(departmentUnits);
    let t = Date.parse(receivedAt) + 60_000;
    const centre = { role: 'dispatcher', unit: null, sub: 'demo:hotline', name: '12345热线派单员' };
    const take = (kind: string, step: Record<string, unknown>, by: Record<string, unknown>, detail: Record<string, unknown> = {}) => {
      if (t > now - 60_000) return false;
      const at = new Date(t).toISOString();
      const result = applyStep(view, { ...step, kind, at } as never, limits, settings.calendar);
      if ('refused' in result) return false;
      view = result;
      timeline.push({ kind, at, by, detail });
      return true;
    };
    const unitBy = () => ({ role: unit.kind === 'department' ? 'department' : unit.kind === 'street' ? 'street_staff' : 'community_staff', unit, sub: 'demo:unit', name: '承办人' });
    // How far this case got, by age: old ones to the end; recent ones anywhere.
    const fate = r.next();
    const stop = age > 20 * 24 * HOUR ? 9 : Math.floor(fate * 8);
    if (fate < 0.02 && age > 20 * 24 * HOUR) {
      t += 2 * HOUR;
      take('invalidate', { reason: '无具体诉求内容' }, centre, { reason: '无具体诉求内容' });
    } else if (fate < 0.03 && age > 20 * 24 * HOUR && lastId) {
      t += HOUR;
      take('merge', { into: lastId }, centre, { into: lastId });
    } else if (stop === 1 && age < 5 * 24 * HOUR && r.next() < 0.4) {
      // Given to a unit that sent it back: waiting for the centre to dispatch it again.
      t += 2 * HOUR;
      take('dispatch', { unitId: unitKey(unit) }, centre, { unit });
      t += r.int(2, 20) * HOUR;
      take('return', { reason: '不属本单位职责，建议派往相关部门' }, unitBy(), { reason: '不属本单位职责，建议派往相关部门' });
    } else if (stop >= 1) {
      t += r.int(1, 4) * HOUR;
      take('dispatch', { unitId: unitKey(unit) }, centre, { unit });
      if (r.next() < 0.05 && stop >= 2) {
        t += r.int(2, 20) * HOUR;
        take('return', { reason: '不属本单位职责' }, unitBy(), { reason: '不属本单位职责' });
        unit = r.pick(departmentUnits);
        t += 2 * HOUR;
        take('dispatch', { unitId: unitKey(unit) }, centre, { unit });
      }
      if (stop >= 2) { t += r.int(1, 6) * HOUR; take('accept', {}, unitBy()); }
      if (stop >= 3) { t += r.int(1, 20) * HOUR; take('contact', {}, unitBy(), { note: '已电话联系诉求人' }); }
      if (stop >= 4 && r.next() < 0.08) {
        t += 24 * HOUR;
        if (take('ask_extension', { days: 5, reason: '需协调相关单位' }, unitBy(), { days: 5, reason: '需协调相关单位' })) { t += 3 * HOUR; take('decide_extension', { approve: true }, centre, { approve: true }); }
      }
      // Most replies come in time; some late ones give the red cards of the year.
      if (stop >= 5) { t += (r.next() < 0.9 ? r.int(20, 90) : r.int(150, 300)) * HOUR; take('reply', {}, unitBy(), { reply: '已处理完毕并告知诉求人。' }); }
      if (stop >= 6) {
        t += r.int(10, 60) * HOUR;
        const roll = r.next();
        const satisfaction = roll < 0.86 ? 'satisfied' : roll < 0.96 ? 'basic' : 'dissatisfied';
        const solved = satisfaction !== 'dissatisfied' || r.next() < 0.3;
        if (take('follow_up', { solved, satisfaction }, centre, { solved, satisfaction })) {
          if (view.state === 'accepted' && stop >= 7) {
            t += r.int(20, 60) * HOUR; take('reply', {}, unitBy(), { reply: '重办完毕。' });
            t += r.int(10, 40) * HOUR; take('follow_up', { solved: true, satisfaction: 'basic' }, centre, { solved: true, satisfaction: 'basic' });
          }
        }
      }
      if (stop >= 7) { t += r.int(1, 10) * HOUR; take('close', {}, centre); }
    }
    const at = new Date(Math.min(t, now)).toISOString();
    const final = {
      ...record, rev: timeline.length, view, unit: view.state === 'received' || view.state === 'returned' || view.state === 'invalid' ? null : view.unitId ? unit : null,
      card: cardAt(view.replyDue, now), createdAt: receivedAt, updatedAt: at,
    };
    const earlier = timeline.slice(0, -1).map((s, k) => ({ Put: { TableName: tableName(), Item: { ...keys.appealStep(record.id, k + 1), et: 'appeal-step', caseId: record.id, rev: k + 1, ...s } } }));
    await commitCase(null, final as never, timeline.at(-1)! as never, [
      ...earlier,
      { Put: { TableName: tableName(), Item: { ...keys.workOrder(order.orderNo), et: 'work-order', caseId: record.id, revision: 1 } } },
      { Put: { TableName: tableName(), Item: { ...keys.appealCaller(record.id), et: 'appeal-caller', phone: order.callerPhone } } },
    ]);
    made++;
    lastId = record.id;
  };
  await Promise.all(Array.from({ length: 12 }, async () => {
    while (next < count) await one(next++);
  }));
  await ddb.send(new PutCommand({ TableName: tableName(), Item: { ...marker, et: 'demo-marker', count: made, at: new Date().toISOString() } }));
  return made;
}
