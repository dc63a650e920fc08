import i18next from 'i18next';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, worklistXlsx } from '../../src/renderer/features/lapse-worklist/lapse-export';
import { RESOURCES } from '../../src/renderer/i18n/resources';
import { ageBandOf, type LapseRow } from '../../src/shared/lapse';

const row = (name: string, idNumber: string, months: number, short: number | null): LapseRow => ({
  personId: `p${name.length.toString().padStart(32, '0')}`, name, idNumber, sex: 'F', birthDate: '1972-05-01', phone: '13800001111',
  townCode: '120103001000', addressDetail: '友谊路 9 号', categories: ['flexible', 'hard_to_employ'],
  lapse: {
    schemes: [{ scheme: 'employee_pension', status: 'active', yearly: false, lastPaid: '2025-12', since: '2026-01', through: '2026-10', monthsUnpaid: months }],
    monthsUnpaid: months, since: '2026-01', ageYears: 54, ageBand: ageBandOf(54),
    pension: short === null ? null : { scheme: 'employee_pension', monthsPaid: 150, minimumMonths: 180, monthsShort: short, retirementMonth: '2027-09', monthsToRetirement: 10 },
    nearRetirement: short !== null,
  },
});

describe('worklist export to .xlsx', () => {
  it('writes Chinese headers and one row per person; reading the file back gives the same values', async () => {
    const i = i18next.createInstance();
    await i.init({ resources: { 'zh-CN': { translation: RESOURCES['zh-CN'] } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
    const rows = [row('刘芳', '12010319720501002X', 10, 30), row('欧阳娜娜', '120103197205010045', 3, null)];
    const bytes = await worklistXlsx(rows, i.t, (code) => (code === '120103001000' ? '劝业场街道' : code));
    expect(bytes.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip (OOXML) container

    const [sheet] = await readXlsxFile(Buffer.from(bytes));
    expect(sheet?.sheet).toBe('断缴名单');
    const data = sheet?.data ?? [];
    expect(data[0]).toEqual(['姓名', '公民身份号码', '性别', '年龄', '联系电话', '街道（乡镇）', '详细地址', '人员类别', '断缴险种', '断缴起始月', '断缴月数', '最后缴费月', '已缴月数', '距最低年限月数', '法定退休年月', '临近退休']);
    expect(data[0]).toHaveLength(EXPORT_COLUMNS.length);
    expect(data.slice(1)).toEqual([
      ['刘芳', '12010319720501002X', '女', 54, '13800001111', '劝业场街道', '友谊路 9 号', '灵活就业人员、就业困难人员（含4050）', '职工基本养老保险（灵活就业）', '2026-01', 10, '2025-12', 150, 30, '2027-09', '是'],
      ['欧阳娜娜', '120103197205010045', '女', 54, '13800001111', '劝业场街道', '友谊路 9 号', '灵活就业人员、就业困难人员（含4050）', '职工基本养老保险（灵活就业）', '2026-01', 3, '2025-12', null, null, null, null],
    ]);
  });
});
