import { parseYuan } from '../../../shared/money/fen';
import { compareMonths, parseMonth } from '../../../shared/months';
import type { PooledFundInput } from '../../../shared/transfer-in';
import type { TransferDocument, TransferInInput, TransferScheme } from '../../data/transfer-in-contract';

/** The form as typed: strings, so a half-typed amount or month is kept as the clerk left it. */
export interface TransferFormValues {
  readonly scheme: TransferScheme;
  readonly fromRegionCode: string;
  readonly fromInstitution: string;
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly monthsPaid: number | null;
  readonly deemedMonths: number | null;
  readonly baseTotal: string;
  readonly personalAccount: string;
  readonly pooledFund: string;
  readonly documents: readonly TransferDocument[];
  readonly note: string;
}

export const EMPTY_TRANSFER_FORM: TransferFormValues = {
  scheme: 'employee_pension', fromRegionCode: '', fromInstitution: '', fromMonth: '', toMonth: '', monthsPaid: null, deemedMonths: 0,
  baseTotal: '', personalAccount: '', pooledFund: '0', documents: [], note: '',
};

/** i18n key per field that does not parse (the data layer checks the rest with the shared schema). */
export type FormIssues = Partial<Record<keyof TransferFormValues, string>>;

export type ParsedForm = { readonly ok: true; readonly input: TransferInInput } | { readonly ok: false; readonly issues: FormIssues };

const month = (raw: string): string | null => {
  const r = parseMonth(raw);
  return r.ok ? r.value : null;
};
const fen = (raw: string): number | null => {
  const r = parseYuan(raw);
  return r.ok ? r.value : null;
};

/** Months and yuan as typed ('201501', '1,234.5') to the stored form; every field that does not parse is listed. */
export function parseTransferForm(personId: string, v: TransferFormValues): ParsedForm {
  const issues: FormIssues = {};
  const fromMonth = month(v.fromMonth);
  const toMonth = month(v.toMonth);
  const baseTotalFen = fen(v.baseTotal);
  const personalAccountFen = fen(v.personalAccount);
  const pooledFundFen = fen(v.pooledFund);
  if (fromMonth === null) issues.fromMonth = 'transferIn.monthInvalid';
  if (toMonth === null) issues.toMonth = 'transferIn.monthInvalid';
  if (baseTotalFen === null) issues.baseTotal = 'transferIn.moneyInvalid';
  if (personalAccountFen === null) issues.personalAccount = 'transferIn.moneyInvalid';
  if (pooledFundFen === null) issues.pooledFund = 'transferIn.moneyInvalid';
  if (v.fromRegionCode.trim() !== '' && !/^\d{6}$/.test(v.fromRegionCode.trim())) issues.fromRegionCode = 'errors.field.invalid';
  if (v.fromInstitution.trim() === '') issues.fromInstitution = 'errors.field.required';
  if (v.monthsPaid === null) issues.monthsPaid = 'errors.field.required';
  if (
    fromMonth === null || toMonth === null || baseTotalFen === null || personalAccountFen === null || pooledFundFen === null ||
    v.monthsPaid === null || Object.keys(issues).length > 0
  ) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    input: {
      personId, scheme: v.scheme, fromRegionCode: v.fromRegionCode.trim() === '' ? null : v.fromRegionCode.trim(),
      fromInstitution: v.fromInstitution, fromMonth, toMonth, monthsPaid: v.monthsPaid, deemedMonths: v.deemedMonths ?? 0,
      baseTotalFen, personalAccountFen, pooledFundFen, documents: [...v.documents], note: v.note,
    },
  };
}

/** What the 12% check needs, as soon as those fields parse (the rest of the form may still be empty). */
export function pooledInputOf(v: TransferFormValues): PooledFundInput | null {
  const fromMonth = month(v.fromMonth);
  const toMonth = month(v.toMonth);
  const baseTotalFen = fen(v.baseTotal);
  const pooledFundFen = fen(v.pooledFund);
  if (fromMonth === null || toMonth === null || baseTotalFen === null || pooledFundFen === null || compareMonths(fromMonth, toMonth) > 0) return null;
  return { scheme: v.scheme, fromMonth, toMonth, monthsPaid: v.monthsPaid ?? 0, baseTotalFen, pooledFundFen };
}
