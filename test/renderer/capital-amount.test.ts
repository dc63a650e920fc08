import { describe, expect, it } from 'vitest';
import { capitalAmount } from '../../src/renderer/features/payments/capital-amount';

describe('capitalAmount (大写金额)', () => {
  it.each([
    [102400, '壹仟零贰拾肆元整'],
    [127832, '壹仟贰佰柒拾捌元叁角贰分'],
    [0, '零元整'],
    [1000, '壹拾元整'],
    [1005, '壹拾元零伍分'],
    [50, '伍角整'],
    [5, '伍分'],
    [307440, '叁仟零柒拾肆元肆角整'],
    [1000050000, '壹仟万零伍佰元整'],
    [10000000, '壹拾万元整'],
    [10010000, '壹拾万零壹佰元整'],
    [100000000000, '壹拾亿元整'],
    [1000000100, '壹仟万零壹元整'],
  ])('%i fen → %s', (fen, text) => {
    expect(capitalAmount(fen)).toBe(text);
  });

  it('refuses a fraction of a fen', () => {
    expect(() => capitalAmount(1.5)).toThrow();
  });
});
