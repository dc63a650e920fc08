import { formatFen, parseYuan } from '../../../shared/money/fen';
import type { Ratio } from '../../../shared/money/ratio';
import { parseMonth } from '../../../shared/months';
import type { PaymentMethod } from '../../../shared/payment';
import type { CategoryCode } from '../../../shared/person';
import type { Scheme } from '../../../shared/policy/schemes';
import type { PaymentInput } from '../../data/contract';

/** 58492 → '584.92' (shared formatFen: no grouping, receipts and exports read it back). */
export const yuanText = (fen: number | null): string => (fen === null ? '—' : formatFen(fen));

/** 2000/10000 → '20%'; 2/3 → '66.67%'. */
export function rateText(rate: Ratio | null): string {
  if (rate === null) return '—';
  const pct = (rate.num * 100) / rate.den;
  return `${String(Number.isInteger(pct) ? pct : Number(pct.toFixed(2)))}%`;
}

/** A receipt shows the ID number masked: first 6 and last 4 characters (120103********1234). */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id;
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** What the form holds: strings as typed. */
export interface PaymentFormValues {
  readonly channel: 'window' | 'declared';
  readonly scheme: Scheme;
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly base: string;
  readonly gradeId: string;
  readonly method: PaymentMethod | '';
  /** 社保补贴: the qualifying category ('' = none) and the first subsidised month (empty = the first month paid). */
  readonly subsidyCategory: CategoryCode | '';
  readonly subsidyStart: string;
  /** The reviewer approving a back-payment (补缴), '' when none is chosen (ADR 017). */
  readonly approvedBy: string;
}

export type FormParse =
  | { readonly ok: true; readonly input: PaymentInput }
  | { readonly ok: false; readonly field: keyof PaymentFormValues; readonly code: string };

/**
 * The typed form → the data layer's input. Months accept 2025-01, 202501,
 * 2025/1; an empty 'to' month means one month. The base is typed in yuan.
 */
export function toPaymentInput(personId: string, v: PaymentFormValues): FormParse {
  const from = parseMonth(v.fromMonth);
  if (!from.ok) return { ok: false, field: 'fromMonth', code: from.code };
  const to = v.toMonth.trim() === '' ? from : parseMonth(v.toMonth);
  if (!to.ok) return { ok: false, field: 'toMonth', code: to.code };
  let baseFen: number | null = null;
  if (v.scheme === 'employee_pension' || v.scheme === 'employee_medical') {
    if (v.base.trim() === '') return { ok: false, field: 'base', code: 'base.required' };
    const base = parseYuan(v.base);
    if (!base.ok) return { ok: false, field: 'base', code: base.code };
    baseFen = base.value;
  }
  let subsidy: PaymentInput['subsidy'] = null;
  if (baseFen !== null && v.subsidyCategory !== '') {
    const start = v.subsidyStart.trim() === '' ? from : parseMonth(v.subsidyStart);
    if (!start.ok) return { ok: false, field: 'subsidyStart', code: start.code };
    subsidy = { category: v.subsidyCategory, startMonth: start.value };
  }
  return {
    ok: true,
    input: {
      personId, scheme: v.scheme, fromMonth: from.value, toMonth: to.value, baseFen,
      gradeId: v.scheme === 'residents_pension' && v.gradeId !== '' ? v.gradeId : null,
      method: v.channel === 'declared' ? null : v.method === '' ? null : v.method,
      channel: v.channel,
      subsidy,
      approvedBy: v.approvedBy === '' ? null : v.approvedBy,
    },
  };
}
