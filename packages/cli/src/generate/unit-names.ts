import type { Prng } from './prng.js';
import type { ClassCode } from './unit-classes.js';

/**
 * Chinese place and department names for generated provinces. Place names are built from syllables the way
 * real ones are (青山区, 东湖街道, 王家庄村); they are fictional, and any likeness to a real place is chance.
 */

const FIRST = [
  ...'东西南北青白龙凤金银石柳桃杏松柏清安永兴丰福华新长太平德和顺宁泰嘉瑞古双三五高大小红黄绿明广茂',
] as const;
const SECOND = [...'山河湖林泉桥庄店坡湾岭阳川城口营屯园沟塘堡集坊溪洲岗关门田原峪峰台港渡浦滨海'] as const;
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕',
] as const;
const VILLAGE_TAIL = [...'庄屯营寨洼坡沟岭店桥'] as const;
const PREFIX = [...'前后东西南北上下大小'] as const;
const COMMUNITY_TAIL = ['花园', '家园', '新村', '苑', '路', '里', '园'] as const;

/** Provincial departments (省直部门): name and class, comprehensive and enforcement interleaved. */
export const DEPARTMENTS: readonly (readonly [name: string, cls: ClassCode])[] = [
  ['省发展和改革委员会', 'dept-comprehensive'],
  ['省市场监督管理局', 'dept-enforcement'],
  ['省财政厅', 'dept-comprehensive'],
  ['省生态环境厅', 'dept-enforcement'],
  ['省人力资源和社会保障厅', 'dept-comprehensive'],
  ['省应急管理厅', 'dept-enforcement'],
  ['省教育厅', 'dept-comprehensive'],
  ['省交通运输厅', 'dept-enforcement'],
  ['省科学技术厅', 'dept-comprehensive'],
  ['省农业农村厅', 'dept-enforcement'],
  ['省工业和信息化厅', 'dept-comprehensive'],
  ['省自然资源厅', 'dept-enforcement'],
  ['省民政厅', 'dept-comprehensive'],
  ['省住房和城乡建设厅', 'dept-enforcement'],
  ['省司法厅', 'dept-comprehensive'],
  ['省水利厅', 'dept-enforcement'],
  ['省商务厅', 'dept-comprehensive'],
  ['省文化和旅游厅', 'dept-enforcement'],
  ['省审计厅', 'dept-comprehensive'],
  ['省卫生健康委员会', 'dept-enforcement'],
  ['省统计局', 'dept-comprehensive'],
  ['省药品监督管理局', 'dept-enforcement'],
  ['省大数据局', 'dept-comprehensive'],
  ['省林业局', 'dept-enforcement'],
  ['省政务服务管理办公室', 'dept-comprehensive'],
  ['省医疗保障局', 'dept-enforcement'],
  ['省国有资产监督管理委员会', 'dept-comprehensive'],
  ['省海洋局', 'dept-enforcement'],
  ['省机关事务管理局', 'dept-comprehensive'],
  ['省能源局', 'dept-enforcement'],
  ['省地方金融管理局', 'dept-comprehensive'],
  ['省粮食和物资储备局', 'dept-enforcement'],
  ['省退役军人事务厅', 'dept-comprehensive'],
  ['省文物局', 'dept-enforcement'],
  ['省乡村振兴局', 'dept-comprehensive'],
  ['省人民防空办公室', 'dept-enforcement'],
  ['省外事办公室', 'dept-comprehensive'],
  ['省体育局', 'dept-enforcement'],
  ['省信访局', 'dept-comprehensive'],
  ['省监狱管理局', 'dept-enforcement'],
  ['省民族宗教事务委员会', 'dept-comprehensive'],
  ['省广播电视局', 'dept-enforcement'],
];

function stem(rng: Prng): string {
  return rng.pick(FIRST) + rng.pick(SECOND);
}

export type PlaceKind =
  | 'city'
  | 'district'
  | 'county'
  | 'countyCity'
  | 'street'
  | 'town'
  | 'township'
  | 'community'
  | 'village';

const SUFFIX: Record<PlaceKind, string> = {
  city: '市',
  district: '区',
  county: '县',
  countyCity: '市',
  street: '街道',
  town: '镇',
  township: '乡',
  community: '社区',
  village: '村',
};

function candidate(rng: Prng, kind: PlaceKind): string {
  if (kind === 'village') {
    const r = rng.next();
    // 王家庄村, 前李屯村, 柳林村: the three common shapes of village names.
    if (r < 0.4) return rng.pick(SURNAMES) + '家' + rng.pick(VILLAGE_TAIL) + '村';
    if (r < 0.6) return rng.pick(PREFIX) + rng.pick(SURNAMES) + rng.pick(VILLAGE_TAIL) + '村';
    return stem(rng) + '村';
  }
  if (kind === 'community' && rng.chance(0.4)) return stem(rng) + rng.pick(COMMUNITY_TAIL) + '社区';
  return stem(rng) + SUFFIX[kind];
}

/**
 * A name not yet in `taken` (names are unique among siblings); after many clashes an ordinal is added
 * (柳林二村), which real registers do too.
 */
export function placeName(rng: Prng, kind: PlaceKind, taken: Set<string>): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = candidate(rng, kind);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const base = candidate(rng, kind);
  const suffix = SUFFIX[kind];
  const root = base.slice(0, base.length - suffix.length);
  for (let n = 2; ; n++) {
    const name = root + ordinal(n) + suffix;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const DIGITS = [...'〇一二三四五六七八九'];

/** Chinese numeral for n ≥ 1 (二, 十二, 一百〇五 style kept simple: digit by digit above 99). */
export function ordinal(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : DIGITS[n % 10]!);
  if (n < 100) return DIGITS[Math.floor(n / 10)]! + '十' + (n % 10 === 0 ? '' : DIGITS[n % 10]!);
  return [...String(n)].map((d) => DIGITS[Number(d)]!).join('');
}
