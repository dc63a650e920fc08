import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptStock, takeReceiptSerial, type ReceiptBlock } from '../../../src/shared/receipts/receipt-blocks';
import { formatReceiptNumber, mod37_36, parseReceiptNumber } from '../../../src/shared/receipts/receipt-number';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const arbParts = fc.record({
  stationCode: fc.stringMatching(/^[A-Z0-9]{2,8}$/),
  deviceNo: fc.integer({ min: 1, max: 999 }),
  year: fc.integer({ min: 2000, max: 2099 }),
  serial: fc.integer({ min: 1, max: 999_999 }),
});

describe('receipt numbers', () => {
  it('formats station + device + year + serial + check, and parses what clerks type', () => {
    const n = formatReceiptNumber({ stationCode: 'HX01', deviceNo: 3, year: 2025, serial: 123 });
    expect(n).toMatch(/^HX01-003-2025-000123-[0-9A-Z]$/);
    const compact = n.replace(/-/g, '').toLowerCase();
    expect(parseReceiptNumber(compact)).toEqual({ ok: true, value: { stationCode: 'HX01', deviceNo: 3, year: 2025, serial: 123, formatted: n } });
    expect(parseReceiptNumber('HX01-003-2025-00012-A')).toEqual({ ok: false, code: 'receipt.format' });
    expect(parseReceiptNumber('HX01-000-2025-000123-A')).toEqual({ ok: false, code: 'receipt.format' });
    expect(() => formatReceiptNumber({ stationCode: 'HX-01', deviceNo: 3, year: 2025, serial: 1 })).toThrow();
    expect(() => formatReceiptNumber({ stationCode: 'HX01', deviceNo: 3, year: 2025, serial: 0 })).toThrow();
  });

  it('ISO 7064 MOD 37,36: body + check character is a valid hybrid-system string (final sum ≡ 1)', () => {
    // Independent formulation of validity from ISO 7064 (hybrid systems): run the
    // recurrence over all characters including the check; the last sum must be 1.
    const valid = (all: string): boolean => {
      let p = 36;
      let sum = 0;
      for (const ch of all) {
        sum = (p + ALNUM.indexOf(ch)) % 36 || 36;
        p = (sum * 2) % 37;
      }
      return sum === 1;
    };
    for (const body of ['HX010032025000123', 'XQ01001202400001', '0', 'Z']) {
      expect(valid(body + mod37_36(body))).toBe(true);
      expect(ALNUM.split('').filter((c) => valid(body + c))).toEqual([mod37_36(body)]);
    }
  });

  it('property: round-trips, and any single mistyped character is detected', () => {
    fc.assert(
      fc.property(arbParts, fc.nat(), fc.integer({ min: 1, max: 35 }), (p, pos, shift) => {
        const n = formatReceiptNumber(p);
        expect(parseReceiptNumber(n)).toMatchObject({ ok: true, value: p });
        const chars = n.replace(/-/g, '').split('');
        const i = pos % chars.length;
        chars[i] = ALNUM.charAt((ALNUM.indexOf(chars[i]!) + shift) % 36);
        expect(parseReceiptNumber(chars.join('')).ok).toBe(false);
      }),
    );
  });

  it('detects all but a small share of adjacent swaps (ISO 7064 hybrid systems do not catch every transposition)', () => {
    // Deterministic sample: every adjacent swap of different characters in 300 numbers.
    const rng = fc.sample(arbParts, { numRuns: 300, seed: 7 });
    let swaps = 0;
    let caught = 0;
    for (const p of rng) {
      const base = formatReceiptNumber(p).replace(/-/g, '').split('');
      for (let i = 0; i < base.length - 1; i++) {
        if (base[i] === base[i + 1]) continue;
        const chars = [...base];
        [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
        swaps++;
        if (!parseReceiptNumber(chars.join('')).ok) caught++;
      }
    }
    expect(swaps).toBeGreaterThan(3000);
    // Measured share of undetected swaps for MOD 37,36 is about 0.2%; a clerk retyping a number is also checked against the payment record.
    expect(caught / swaps).toBeGreaterThan(0.99);
  });
});

describe('receipt block allocator', () => {
  const blocks: ReceiptBlock[] = [{ year: 2025, from: 1, to: 100 }];
  const used = (n: number) => new Set(Array.from({ length: n }, (_, i) => i + 1));

  it('hands out the lowest free serial and counts what is left', () => {
    expect(receiptStock(blocks, new Set(), 2025)).toEqual({ next: 1, remaining: 100, liveCapacity: 100, warn: false });
    const r = takeReceiptSerial(blocks, used(10), 2025);
    expect(r).toEqual({ ok: true, value: { serial: 11, after: { next: 12, remaining: 89, liveCapacity: 100, warn: false } } });
  });

  it('warns at 20% left', () => {
    expect(receiptStock(blocks, used(79), 2025).warn).toBe(false);
    expect(receiptStock(blocks, used(80), 2025)).toMatchObject({ remaining: 20, warn: true });
  });

  it('none left → receipt.exhausted (no invented number); another year has no serials', () => {
    expect(takeReceiptSerial(blocks, used(100), 2025)).toEqual({ ok: false, code: 'receipt.exhausted', params: { year: 2025 } });
    expect(receiptStock(blocks, used(100), 2025)).toEqual({ next: null, remaining: 0, liveCapacity: 0, warn: true });
    expect(takeReceiptSerial(blocks, new Set(), 2026)).toMatchObject({ ok: false, code: 'receipt.exhausted' });
  });

  it('a refill block continues after the old one; voided serials stay used; a fresh block clears the warning', () => {
    const two: ReceiptBlock[] = [{ year: 2025, from: 201, to: 300 }, ...blocks];
    const u = used(85);
    expect(receiptStock(two, u, 2025)).toEqual({ next: 86, remaining: 115, liveCapacity: 200, warn: false });
    const voided = new Set([...used(100), 201, 202]);
    expect(receiptStock(two, voided, 2025)).toMatchObject({ next: 203, remaining: 98, liveCapacity: 100 });
  });

  it('property: serials taken one after another are unique, inside the blocks, and run out exactly at capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ from: fc.integer({ min: 1, max: 5000 }), size: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 4 }), (specs) => {
        const bs = specs.map((s) => ({ year: 2025, from: s.from, to: s.from + s.size - 1 }));
        const distinct = new Set(bs.flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i)));
        const taken = new Set<number>();
        for (;;) {
          const r = takeReceiptSerial(bs, taken, 2025);
          if (!r.ok) break;
          expect(taken.has(r.value.serial)).toBe(false);
          expect(distinct.has(r.value.serial)).toBe(true);
          taken.add(r.value.serial);
        }
        expect(taken.size).toBe(distinct.size);
      }),
    );
  });
});
