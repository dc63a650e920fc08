import { describe, expect, it } from 'vitest';
import { EMPTY_TRANSFER_FORM, parseTransferForm, pooledInputOf } from '../../src/renderer/features/transfer-in/transfer-form-values';

const PERSON = 'p0123456789abcdef0123456789abcdef';

describe('transfer form values', () => {
  it('reads typed months and yuan into the stored form', () => {
    const parsed = parseTransferForm(PERSON, {
      ...EMPTY_TRANSFER_FORM, fromRegionCode: ' 130100 ', fromInstitution: '石家庄', fromMonth: '201501', toMonth: '2024/12', monthsPaid: 120,
      baseTotal: '480,000', personalAccount: '38400.5', pooledFund: '57600', documents: ['transfer_form'],
    });
    expect(parsed).toEqual({
      ok: true,
      input: {
        personId: PERSON, scheme: 'employee_pension', fromRegionCode: '130100', fromInstitution: '石家庄', fromMonth: '2015-01', toMonth: '2024-12',
        monthsPaid: 120, deemedMonths: 0, baseTotalFen: 48_000_000, personalAccountFen: 3_840_050, pooledFundFen: 5_760_000, documents: ['transfer_form'], note: '',
      },
    });
  });

  it('lists every field that does not parse; the 12% check waits only for its own fields', () => {
    const values = { ...EMPTY_TRANSFER_FORM, fromRegionCode: '13', fromMonth: '2015-13', toMonth: '2024-12', baseTotal: '1.234', pooledFund: '-5' };
    const parsed = parseTransferForm(PERSON, values);
    expect(parsed.ok ? null : parsed.issues).toEqual({
      fromMonth: 'transferIn.monthInvalid', baseTotal: 'transferIn.moneyInvalid', personalAccount: 'transferIn.moneyInvalid',
      pooledFund: 'transferIn.moneyInvalid', fromRegionCode: 'errors.field.invalid', fromInstitution: 'errors.field.required', monthsPaid: 'errors.field.required',
    });
    expect(pooledInputOf(values)).toBeNull();
    expect(pooledInputOf({ ...values, fromMonth: '2015-01', baseTotal: '1000', pooledFund: '120' }))
      .toEqual({ scheme: 'employee_pension', fromMonth: '2015-01', toMonth: '2024-12', monthsPaid: 0, baseTotalFen: 100_000, pooledFundFen: 12_000 });
  });
});
