import { isMonth } from '../../../shared/months';
import { SCHEMES, type Scheme } from '../../../shared/policy/schemes';
import type { PaymentFormValues } from '../payments/payment-format';

/** What the resumption view pre-fills on the payment form (ADR 017). */
export interface PayPrefill {
  readonly scheme: Scheme;
  readonly from: string;
  readonly to: string;
  /** Monthly base in yuan as the form takes it, when known (the last base paid). */
  readonly base?: string;
}

/** #/persons/:id/pay?scheme=employee_pension&from=2026-01&to=2026-10[&base=5124] */
export function payLink(personId: string, p: PayPrefill): string {
  const q = new URLSearchParams({ scheme: p.scheme, from: p.from, to: p.to });
  if (p.base !== undefined && p.base !== '') q.set('base', p.base);
  return `/persons/${personId}/pay?${q.toString()}`;
}

const isScheme = (s: string): s is Scheme => (SCHEMES as readonly string[]).includes(s);
const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/**
 * The payment form's starting values with what the query names. A value
 * that is not well-formed is ignored (the form starts empty there), so a
 * hand-edited address can never put anything odd into the form.
 */
export function prefilledValues(defaults: PaymentFormValues, search: URLSearchParams): PaymentFormValues {
  const scheme = search.get('scheme');
  const from = search.get('from');
  const to = search.get('to');
  const base = search.get('base');
  return {
    ...defaults,
    ...(scheme !== null && isScheme(scheme) ? { scheme } : {}),
    ...(from !== null && isMonth(from) ? { fromMonth: from } : {}),
    ...(to !== null && isMonth(to) ? { toMonth: to } : {}),
    ...(base !== null && YUAN.test(base) ? { base } : {}),
  };
}
