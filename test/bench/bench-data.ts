/**
 * Generator of valid people for the benchmarks: resident ID numbers with
 * real GB/T 2260 county codes and correct GB 11643 check characters, Chinese
 * names drawn with a realistic surname distribution (the frequency matters:
 * a name-prefix search for 王 or 李 has thousands of candidates, one for 诸葛
 * a handful), mainland mobile numbers. Seeded, so every run benchmarks the
 * same register. Every person passes the shared zod personSchema unless the
 * caller opts out for speed.
 */
import { gb11643CheckChar } from '../../src/shared/id-number';
import { derivePersonKey } from '../../src/shared/person-key';
import { personSchema, reverse, type CategoryCode, type Person, type PersonCategory } from '../../src/shared/person';
import { allCounties, townsOf, type County } from '../../src/server/demo/regions';
import { Prng } from '../../src/server/demo/prng';

/**
 * Surname shares in percent of the population (rounded; the national
 * household-registration statistics of 2020 give 王 7.1, 李 7.0, 张 6.7 …).
 * The list covers roughly 85% of people; weights are normalised over it.
 */
const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['王', 7.1], ['李', 7.0], ['张', 6.7], ['刘', 5.4], ['陈', 4.6], ['杨', 3.1], ['黄', 2.4], ['赵', 2.3], ['吴', 2.0], ['周', 1.9],
  ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.3], ['郭', 1.2], ['何', 1.1], ['林', 1.1], ['高', 1.1], ['罗', 1.0],
  ['郑', 0.9], ['梁', 0.9], ['谢', 0.8], ['宋', 0.8], ['唐', 0.8], ['许', 0.7], ['韩', 0.7], ['冯', 0.7], ['邓', 0.7], ['曹', 0.6],
  ['彭', 0.6], ['曾', 0.6], ['肖', 0.6], ['田', 0.5], ['董', 0.5], ['袁', 0.5], ['潘', 0.5], ['于', 0.5], ['蒋', 0.5], ['蔡', 0.5],
  ['余', 0.5], ['杜', 0.4], ['叶', 0.4], ['程', 0.4], ['苏', 0.4], ['魏', 0.4], ['吕', 0.4], ['丁', 0.4], ['任', 0.4], ['沈', 0.4],
  ['姚', 0.3], ['卢', 0.3], ['姜', 0.3], ['崔', 0.3], ['钟', 0.3], ['谭', 0.3], ['陆', 0.3], ['汪', 0.3], ['范', 0.3], ['金', 0.3],
  ['石', 0.3], ['廖', 0.3], ['贾', 0.3], ['夏', 0.3], ['韦', 0.3], ['付', 0.3], ['方', 0.3], ['白', 0.2], ['邹', 0.2], ['孟', 0.2],
  ['熊', 0.2], ['秦', 0.2], ['邱', 0.2], ['江', 0.2], ['尹', 0.2], ['薛', 0.2], ['闫', 0.2], ['段', 0.2], ['雷', 0.2], ['侯', 0.2],
  ['龙', 0.2], ['史', 0.2], ['陶', 0.2], ['黎', 0.2], ['贺', 0.2], ['顾', 0.2], ['毛', 0.2], ['郝', 0.2], ['龚', 0.2], ['邵', 0.2],
  ['万', 0.2], ['钱', 0.2], ['严', 0.2], ['覃', 0.1], ['武', 0.1], ['戴', 0.1], ['莫', 0.1], ['孔', 0.1], ['向', 0.1], ['汤', 0.1],
  ['欧阳', 0.05], ['司马', 0.01], ['诸葛', 0.01], ['上官', 0.01],
];

const MALE_CHARS = Array.from('伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁俊建国志海永晓东文博子轩浩然宇航家豪立新春雷德振卫玉林金龙成亮健凯旭峰毅林彬锋国庆荣昌'); // BMP characters only
const FEMALE_CHARS = Array.from('芳娜敏静丽艳娟霞燕玲婷雪慧洁颖倩琳萍红梅秀英桂兰淑珍玉海晓春雅琴欣怡梓涵诗雨佳思琪美凤金丹莉蕾薇月爱霞云'); // BMP characters only
const NEUTRAL_CHARS = Array.from('文晨阳光明安宁嘉一清子若可欣悦'); // BMP characters only

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;

const EMPLOYMENT = ['unemployed', 'flexible', 'employed', 'self_employed', 'student', 'retired', 'other'] as const;
const CATEGORIES: readonly CategoryCode[] = ['unemployed', 'flexible', 'new_entrant', 'hard_to_employ', 'migrant', 'resident'];

export interface BenchDataOptions {
  readonly secret: Uint8Array;
  readonly count: number;
  readonly seed?: number;
  /** Station, staff and device of the enrolled bench device (the session). */
  readonly stationId: string;
  readonly staffIds: readonly string[];
  readonly deviceId: string;
  /** County-level code of the station (e.g. 120103): most people live there. */
  readonly regionCode: string;
  /** Check every person with personSchema (default true). */
  readonly validate?: boolean;
}

class WeightedPicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: ReadonlyArray<readonly [string, number]>) {
    let sum = 0;
    for (const [, w] of items) {
      sum += w;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Prng): string {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]?.[0] ?? '王';
  }
}

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function givenName(rng: Prng, sex: 'M' | 'F'): string {
  const pool = sex === 'M' ? MALE_CHARS : FEMALE_CHARS;
  const one = (): string => rng.pick(rng.chance(0.85) ? pool : NEUTRAL_CHARS);
  return rng.chance(0.25) ? one() : one() + one();
}

function categories(rng: Prng, birthMs: number): PersonCategory[] {
  const n = rng.chance(0.5) ? 0 : rng.int(1, 2);
  const earliest = Math.max(Date.UTC(2015, 0, 1), birthMs + 16 * 365 * DAY);
  const latest = Date.UTC(2025, 5, 30);
  const codes = new Set<CategoryCode>();
  while (codes.size < n) codes.add(rng.pick(CATEGORIES));
  return [...codes].map((code) => {
    const from = earliest + Math.floor(rng.next() * Math.max(DAY, latest - earliest));
    const to = rng.chance(0.2) ? isoDay(from + Math.floor(rng.next() * Math.max(DAY, latest - from))) : null;
    return { code, from: isoDay(from), to };
  });
}

/** Generates `count` distinct valid people registered at the given station. */
export function generateBenchPeople(opts: BenchDataOptions): Person[] {
  const rng = new Prng(opts.seed ?? 20_250_601);
  const surnames = new WeightedPicker(SURNAME_WEIGHTS);
  const counties = allCounties();
  const local: readonly County[] = counties.filter((c) => c.code.startsWith(opts.regionCode.slice(0, 2)));
  const towns = townsOf([opts.regionCode]).get(opts.regionCode) ?? [];
  const used = new Set<string>();
  const people: Person[] = [];
  const birthFrom = Date.UTC(1955, 0, 1);
  const birthTo = Date.UTC(2007, 11, 31);
  const createdFrom = Date.UTC(2023, 0, 1);
  const createdTo = Date.UTC(2025, 5, 30);

  while (people.length < opts.count) {
    const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
    const birthMs = birthFrom + Math.floor(rng.next() * (birthTo - birthFrom));
    const birthDate = isoDay(birthMs);
    // 60% born in the station's province, the rest anywhere in the mainland.
    const county = rng.pick(rng.chance(0.6) && local.length > 0 ? local : counties);
    const first17 = county.code + birthDate.replaceAll('-', '') + rng.digits(2) + String(rng.int(0, 4) * 2 + (sex === 'M' ? 1 : 0));
    const idNumber = first17 + gb11643CheckChar(first17);
    if (used.has(idNumber)) continue;
    used.add(idNumber);

    const createdMs = createdFrom + Math.floor(rng.next() * (createdTo - createdFrom));
    const at = new Date(createdMs).toISOString();
    const by = rng.pick(opts.staffIds);
    const age = 2025 - Number(birthDate.slice(0, 4));
    const town = towns.length > 0 && rng.chance(0.9) ? rng.pick(towns).code : '';
    const person: Person = {
      id: derivePersonKey(opts.secret, 'resident', idNumber),
      idType: 'resident',
      idNumber,
      idRev: reverse(idNumber),
      name: surnames.pick(rng) + givenName(rng, sex),
      sex,
      birthDate,
      phone: rng.chance(0.92) ? rng.pick(MOBILE_PREFIXES) + rng.digits(8) : '',
      hukouType: rng.chance(0.7) ? 'urban' : 'agricultural',
      address: {
        provinceCode: `${opts.regionCode.slice(0, 2)}0000`,
        cityCode: `${opts.regionCode.slice(0, 4)}00`,
        countyCode: opts.regionCode,
        townCode: town,
        detail: `${String(rng.int(1, 400))}号${String(rng.int(1, 12))}门${String(rng.int(101, 603))}`,
      },
      household: null,
      categories: categories(rng, birthMs),
      employmentStatus: age >= 60 && rng.chance(0.7) ? 'retired' : rng.pick(EMPLOYMENT),
      archiveLocation: rng.chance(0.5) ? '街道劳动保障服务站' : '',
      notes: '',
      active: true,
      deactivation: null,
      stationId: opts.stationId,
      createdAt: at,
      createdBy: by,
      updatedAt: at,
      updatedBy: by,
      updatedDevice: opts.deviceId,
      _deleted: false,
    };
    if (opts.validate !== false) {
      const checked = personSchema.safeParse(person);
      if (!checked.success) throw new Error(`generated an invalid person ${idNumber}: ${checked.error.message}`);
    }
    people.push(person);
  }
  return people;
}

/** The stored (RxDB) form: `_deleted` lives in RxDB's meta fields. */
export function toStoredDoc(person: Person): Omit<Person, '_deleted'> {
  const { _deleted: _d, ...doc } = person;
  return doc;
}
