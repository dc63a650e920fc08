import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert15To18, gb11643CheckChar, parseIdNumber, todayInChina } from '../../src/shared/id-number';
import { PROVINCE_PREFIXES } from '../../src/shared/province-codes';

const TODAY = '2026-11-23';

describe('parseIdNumber (居民身份证)', () => {
  it('accepts the public examples of DOMAIN.md §2 and derives birth date and sex', () => {
    const a = parseIdNumber('resident', '11010519491231002X', TODAY);
    expect(a).toEqual({ ok: true, value: { normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', converted: false } });
    const b = parseIdNumber('resident', '440524188001010014', TODAY);
    expect(b).toEqual({ ok: true, value: { normalized: '440524188001010014', birthDate: '1880-01-01', sex: 'M', converted: false } });
  });

  it('accepts lowercase x and surrounding spaces, normalising to upper case', () => {
    const r = parseIdNumber('resident', ' 11010519491231002x ', TODAY);
    expect(r.ok && r.value.normalized).toBe('11010519491231002X');
  });

  it('converts a legacy 15-digit number to 18 digits', () => {
    expect(convert15To18('130503670401001')).toBe('130503196704010016');
    const r = parseIdNumber('resident', '130503670401001', TODAY);
    expect(r).toEqual({ ok: true, value: { normalized: '130503196704010016', birthDate: '1967-04-01', sex: 'M', converted: true } });
  });

  it('refuses a wrong check character and says which one is expected', () => {
    expect(parseIdNumber('resident', '110105194912310021', TODAY)).toEqual({ ok: false, code: 'id.checkDigit', params: { expected: 'X' } });
  });

  it('refuses impossible dates, future births, unknown provinces, bad lengths and formats', () => {
    const withCheck = (s17: string) => s17 + gb11643CheckChar(s17);
    expect(parseIdNumber('resident', withCheck('11010519490230002'), TODAY)).toMatchObject({ ok: false, code: 'id.birthDate' });
    expect(parseIdNumber('resident', withCheck('11010520270101002'), TODAY)).toMatchObject({ ok: false, code: 'id.futureBirth' });
    expect(parseIdNumber('resident', withCheck('99010519491231002'), TODAY)).toMatchObject({ ok: false, code: 'id.province' });
    expect(parseIdNumber('resident', '1101051949123100', TODAY)).toMatchObject({ ok: false, code: 'id.length' });
    expect(parseIdNumber('resident', '11010519491231002Y', TODAY)).toMatchObject({ ok: false, code: 'id.format' });
    expect(parseIdNumber('resident', '   ', TODAY)).toMatchObject({ ok: false, code: 'id.empty' });
  });

  it('accepts 29 February only in leap years', () => {
    const withCheck = (s17: string) => s17 + gb11643CheckChar(s17);
    expect(parseIdNumber('resident', withCheck('12010419960229003'), TODAY).ok).toBe(true);
    expect(parseIdNumber('resident', withCheck('12010419970229003'), TODAY)).toMatchObject({ ok: false, code: 'id.birthDate' });
  });

  it('does not reject abolished county codes (people keep old IDs)', () => {
    // 120103 (天津市河西区 old code still valid), 110103 (北京市崇文区, abolished 2010)
    const s17 = '11010319700101001';
    expect(parseIdNumber('resident', s17 + gb11643CheckChar(s17), TODAY).ok).toBe(true);
  });

  it('property: any valid 17-digit body with its computed check character is accepted, every other check character refused', () => {
    const prefixes = [...PROVINCE_PREFIXES].filter((p) => p !== '81' && p !== '82' && p !== '83');
    const body = fc.record({
      prov: fc.constantFrom(...prefixes),
      rest: fc.integer({ min: 0, max: 9999 }),
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
      seq: fc.integer({ min: 0, max: 999 }),
    });
    fc.assert(
      fc.property(body, fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'), ({ prov, rest, date, seq }, other) => {
        const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
        const s17 = `${prov}${String(rest).padStart(4, '0')}${ymd}${String(seq).padStart(3, '0')}`;
        const check = gb11643CheckChar(s17);
        const good = parseIdNumber('resident', s17 + check, TODAY);
        expect(good.ok).toBe(true);
        if (good.ok) expect(good.value.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
        if (other !== check) expect(parseIdNumber('resident', s17 + other, TODAY)).toMatchObject({ ok: false, code: 'id.checkDigit' });
      }),
      { numRuns: 500 },
    );
  });

  it('property: converting any valid 15-digit number yields a valid 18-digit number with the same birth date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('110105', '120104', '130503', '440524', '650102'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (area, date, seq) => {
          const iso = date.toISOString().slice(0, 10);
          const id15 = `${area}${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${String(seq).padStart(3, '0')}`;
          const r = parseIdNumber('resident', id15, TODAY);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.value.normalized).toHaveLength(18);
            expect(r.value.birthDate).toBe(iso);
            expect(parseIdNumber('resident', r.value.normalized, TODAY).ok).toBe(true);
          }
        },
      ),
    );
  });
});

describe('parseIdNumber (other ID types)', () => {
  it('港澳台居民居住证 uses the GB 11643 layout with an 81/82/83 prefix', () => {
    const s17 = '81000019900101002';
    const r = parseIdNumber('hmt_residence', s17 + gb11643CheckChar(s17), TODAY);
    expect(r.ok && r.value.birthDate).toBe('1990-01-01');
    const mainland = '12010419900101002';
    expect(parseIdNumber('hmt_residence', mainland + gb11643CheckChar(mainland), TODAY)).toMatchObject({ ok: false, code: 'id.hmtPrefix' });
  });

  it('外国人永久居留身份证: 2023 layout with check character, and the 2017 layout', () => {
    const s17 = '93310019800101001';
    expect(parseIdNumber('foreign_permanent', s17 + gb11643CheckChar(s17), TODAY).ok).toBe(true);
    expect(parseIdNumber('foreign_permanent', `${s17}${gb11643CheckChar(s17) === '0' ? '1' : '0'}`, TODAY)).toMatchObject({ ok: false, code: 'id.checkDigit' });
    expect(parseIdNumber('foreign_permanent', 'usa310080010013', TODAY).ok).toBe(true);
  });

  it('passes, permits and passports check their formats and derive nothing', () => {
    expect(parseIdNumber('hk_macao_pass', 'H12345678', TODAY)).toEqual({ ok: true, value: { normalized: 'H12345678', birthDate: null, sex: null, converted: false } });
    expect(parseIdNumber('hk_macao_pass', 'X12345678', TODAY)).toMatchObject({ ok: false, code: 'id.format' });
    expect(parseIdNumber('taiwan_pass', '12345678', TODAY).ok).toBe(true);
    expect(parseIdNumber('taiwan_pass', '1234567', TODAY).ok).toBe(false);
    expect(parseIdNumber('passport', 'e12345678', TODAY)).toMatchObject({ ok: true, value: { normalized: 'E12345678' } });
    expect(parseIdNumber('passport', 'E1234-567', TODAY).ok).toBe(false);
  });
});

describe('todayInChina', () => {
  it('uses UTC+8 regardless of the machine zone', () => {
    expect(todayInChina(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(todayInChina(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  });
});
