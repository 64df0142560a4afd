// A Shinan-like district, generated from the public figures in the article (../shared/seeds):
// 10 streets, 50 communities (强基 11 / 创优 23 / 示范 16), 238 compounds, 505 grids. Names the
// article gives are used as given; the rest are plausible and made up. Seeded, so the same
// district comes out every time, for tests and benchmarks too.
import { registerToCells, type RegisterRow } from '../../shared/registry/register.ts';
import { COMMON_SERVICE_ITEMS } from '../../shared/ratings/questionnaire.ts';
import { toCsv } from '../../shared/registry/csv.ts';

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const STREETS = ['八大峡街道', '云南路街道', '中山路街道', '江苏路街道', '八大关街道', '湛山街道', '香港中路街道', '八大湖街道', '金湖路街道', '珠海路街道'];
/** Communities named in the article, with the street they belong to. */
const NAMED_COMMUNITIES: Record<string, string[]> = { 八大关街道: ['金口路社区'], 云南路街道: ['西藏路社区'], 八大湖街道: ['辛家庄社区'], 湛山街道: ['秀湛路社区'] };
const ROADS = ['观海路', '龙山路', '太平路', '广西路', '湖北路', '胶州路', '芝罘路', '四方路', '黄岛路', '热河路', '嘉祥路', '汶上路', '宁武关路', '正阳关路', '山海关路', '居庸关路', '武胜关路', '荣成路', '福山路', '大学路', '鱼山路', '莱阳路', '南海路', '东海西路', '燕儿岛路', '福州南路', '南京路', '延安三路', '宁夏路', '香港西路', '闽江路', '漳州路', '彰化路', '镇江路', '江西路', '贵州路', '单县路', '东平路', '云霄路', '吴兴路', '高雄路', '澳门路', '徐州路', '团岛', '麦岛', '浮山所', '湛山', '太平角', '八大湖', '天门路', '登州路', '京山路', '宁德路', '金门路', '仙游路', '珠海路'];
const ESTATE = ['花园', '小区', '公寓', '苑', '家园', '新村', '大厦', '里院'];
const NAMED_COMPOUNDS: Record<string, string> = { 中山路街道: '安庆路16号小区', 香港中路街道: '中城嘉汇小区', 八大湖街道: '浮山花园小区' };
export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红玲建国志宏海波春燕晓东文斌浩宇欣怡子涵梓轩雨桐思远立新';
const COMPANIES = ['海信', '青岛城建', '万科', '中海', '保利', '鲁商', '海尔', '青房', '颐和', '嘉和', '德馨', '海湾', '东方', '诚信', '安居', '福瑞', '和泰', '瑞源', '新华', '永安', '金海', '华润', '融创', '绿城', '天泰', '国信', '百通', '恒通', '银盛', '佳和'];

export const DEMO_COUNTS = { streets: 10, communities: 50, compounds: 238, grids: 505 } as const;
const CLASSES = [...Array(11).fill('强基'), ...Array(23).fill('创优'), ...Array(16).fill('示范')] as ('强基' | '创优' | '示范')[];

export interface DemoDistrict {
  streets: { id: string; name: string; order: number }[];
  communities: { id: string; name: string; streetId: string; class: '强基' | '创优' | '示范' }[];
  compounds: {
    id: string; name: string; address: string; communityId: string; streetId: string; buildings: string[]; gridIds: string[];
    contract: { companyId: string; startsOn: string; endsOn: string; feeFenPerM2: number; serviceItems: string[] } | null; floors: number;
  }[];
  grids: { id: string; name: string; communityId: string; compoundIds: string[] }[];
  companies: { id: string; name: string }[];
}

/** Four to seven of the common items, from the compound's number (not the generator, so adding them changed no other demo value). */
function demoServiceItems(n: number): string[] {
  const count = 4 + (n % 4);
  return COMMON_SERVICE_ITEMS.filter((_, i) => (i * 7 + n) % COMMON_SERVICE_ITEMS.length < count);
}

export function demoDistrict(seed = 20261125): DemoDistrict {
  const r = rng(seed);
  const streets = STREETS.map((name, i) => ({ id: `s${String(i + 1).padStart(2, '0')}`, name, order: i + 1 }));
  const companies = COMPANIES.map((n, i) => ({ id: `pc${String(i + 1).padStart(2, '0')}`, name: `青岛${n}物业服务有限公司` }));
  const roads = [...ROADS];
  const takeRoad = () => roads.splice(r.int(0, roads.length - 1), 1)[0] ?? `新${r.int(1, 99)}路`;
  const communities: DemoDistrict['communities'] = [];
  streets.forEach((s) => {
    const named = NAMED_COMMUNITIES[s.name] ?? [];
    for (let k = 0; k < 5; k++) {
      const n = communities.length;
      const name = named[k] ?? `${takeRoad()}社区`;
      communities.push({ id: `c${String(n + 1).padStart(3, '0')}`, name, streetId: s.id, class: CLASSES[(n * 17) % 50]! });
    }
  });
  const usedNames = new Set<string>();
  const compounds: DemoDistrict['compounds'] = [];
  const perCommunity = communities.map((_, i) => 4 + (i < 38 ? 1 : 0)); // 38×5 + 12×4 = 238
  communities.forEach((c, ci) => {
    const street = streets.find((s) => s.id === c.streetId)!;
    for (let k = 0; k < perCommunity[ci]!; k++) {
      let name = k === 0 && NAMED_COMPOUNDS[street.name] && !usedNames.has(NAMED_COMPOUNDS[street.name]!) ? NAMED_COMPOUNDS[street.name]! : '';
      while (name === '' || usedNames.has(name)) {
        const road = r.pick(ROADS);
        name = r.next() < 0.5 ? `${road}${r.int(1, 120)}号小区` : `${road.replace(/路$/, '')}${r.pick(ESTATE)}`;
      }
      usedNames.add(name);
      const n = compounds.length + 1;
      const buildings = Array.from({ length: r.int(2, 14) }, (_, b) => `${b + 1}号楼`);
      const company = r.next() < 0.92 ? r.pick(companies) : null;
      const startYear = r.int(2022, 2025);
      compounds.push({
        id: `p${String(n).padStart(4, '0')}`, name, address: `青岛市市南区${name.replace(/小区$/, '')}`, communityId: c.id, streetId: c.streetId, buildings, gridIds: [],
        contract: company ? { companyId: company.id, startsOn: `${startYear}-01-01`, endsOn: `${startYear + 3}-12-31`, feeFenPerM2: r.int(80, 320), serviceItems: demoServiceItems(n) } : null,
        floors: r.int(5, 18),
      });
    }
  });
  // 505 grids: every community gets ten, five get eleven; each grid covers one compound of its
  // community, larger compounds spanning several grids.
  const grids: DemoDistrict['grids'] = [];
  communities.forEach((c, ci) => {
    const mine = compounds.filter((p) => p.communityId === c.id);
    const count = 10 + (ci < 5 ? 1 : 0);
    for (let g = 0; g < count; g++) {
      const compound = mine[g % mine.length]!;
      const id = `g${String(grids.length + 1).padStart(3, '0')}`;
      grids.push({ id, name: `${c.name.replace(/社区$/, '')}第${g + 1}网格`, communityId: c.id, compoundIds: [compound.id] });
      compound.gridIds.push(id);
    }
  });
  return { streets, communities, compounds, grids, companies };
}

/** An owners' register for one demo compound: units per building, a few multi-unit owners and unsold units. */
export function demoRegisterRows(compound: DemoDistrict['compounds'][number], seed = 7): RegisterRow[] {
  const r = rng(seed + Number(compound.id.slice(1)));
  const rows: RegisterRow[] = [];
  let ownerNo = 0;
  for (const building of compound.buildings) {
    const entrances = r.int(1, 3);
    for (let e = 1; e <= entrances; e++) {
      for (let f = 1; f <= compound.floors; f++) {
        for (let d = 1; d <= 2; d++) {
          const unsold = r.next() < 0.02;
          const reuse = !unsold && rows.length > 0 && r.next() < 0.04 ? rows[r.int(0, rows.length - 1)]! : null;
          const owner = reuse && !reuse.developerUnsold ? reuse : null;
          ownerNo++;
          rows.push({
            building,
            unit: `${e}-${f}${String(d).padStart(2, '0')}`,
            areaHundredths: r.int(4500, 16000),
            areaSource: r.next() < 0.8 ? '不动产登记' : r.next() < 0.5 ? '实测' : '合同',
            ownerName: unsold ? '' : (owner?.ownerName ?? r.pick(Array.from(SURNAMES)) + r.pick(Array.from(GIVEN)) + (r.next() < 0.6 ? r.pick(Array.from(GIVEN)) : '')),
            ownerRef: unsold ? '' : (owner?.ownerRef ?? `O${String(ownerNo).padStart(5, '0')}`),
            phone: unsold ? '' : (owner?.phone ?? `1${r.pick(['35', '37', '39', '58', '86', '88'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`),
            developerUnsold: unsold,
          });
        }
      }
    }
  }
  return rows;
}

/** The register as the export writes it: the documented columns, UTF-8 with BOM. */
export function rowsToCsv(rows: readonly RegisterRow[]): string {
  return toCsv(registerToCells(rows));
}
