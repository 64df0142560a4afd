// The demo district's appeals setup: its departments, the category catalogue and the routing
// table (property matters to the compound's community, noise to the street, the city's
// matters to the departments; anything else to the hotline centre).
import type { RoutingBody } from '../../shared/appeals/schemas.ts';
import type { DemoDistrict } from './demo-district.ts';

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
