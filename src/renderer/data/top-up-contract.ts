/**
 * UI ⇄ data contract for 补差 (top-up after a late pack, issue 3 §6) and the
 * statement 对账单 (§8). See ADR 014. Amounts in fen, months 'YYYY-MM'.
 */
import type { Observable } from 'rxjs';
import type { PersonStatement } from '../../shared/contributions/statement';
import type { Ratio } from '../../shared/money/ratio';
import type { Payment, PaymentMethod } from '../../shared/payment';
import type { Scheme } from '../../shared/policy/schemes';

/** One month owed: what was paid and what the newer pack asks. */
export interface TopUpMonth {
  readonly month: string;
  readonly scheme: Scheme;
  readonly paidBaseFen: number;
  readonly newFloorFen: number;
  readonly baseDiffFen: number;
  readonly rate: Ratio;
  readonly owedFen: number;
  readonly paidPackVersion: string;
  readonly newPackVersion: string;
  /** The original contribution this month was paid by (the top_up's refId). */
  readonly refId: string;
  /** Its receipt number (null for a declaration). */
  readonly refReceiptNo: string | null;
}

/** A person on the 补差 list. */
export interface TopUpWorkItem {
  readonly personId: string;
  /** Null when the person record has not arrived on this device yet. */
  readonly name: string | null;
  readonly idNumber: string | null;
  readonly schemes: readonly Scheme[];
  readonly months: readonly string[];
  readonly totalFen: number;
}

export type TopUpSort = 'amount' | 'name';

export interface PersonTopUp {
  readonly personId: string;
  /** Every owed month, in month then scheme order. */
  readonly items: readonly TopUpMonth[];
  readonly totalFen: number;
  /** How many top_up records take() writes (one per original payment, ADR 014) and so how many receipts. */
  readonly records: number;
}

export interface TopUpTakeInput {
  readonly personId: string;
  /** Only this scheme's months; all schemes when absent. */
  readonly scheme?: Scheme;
  readonly method: PaymentMethod;
}

export interface TopUpRepository {
  /** People who owe 补差 on this device's data, live (payments, packs, refusals), sorted by amount (largest first) or by name. */
  worklist(sort: TopUpSort): Observable<TopUpWorkItem[]>;
  /** What one person owes, live; items empty when nothing. */
  forPerson(personId: string): Observable<PersonTopUp>;
  /**
   * Takes everything the person owes (or one scheme's) as top_up records, one per
   * original payment (refId), each with its own receipt number from the leased
   * blocks, in one action: all numbers are taken before anything is written, so
   * with too few left nothing is stored ('receipt.exhausted'). 'topUp.nothingOwed'
   * when nothing is owed. Returns the records in month order.
   */
  take(input: TopUpTakeInput): Promise<Payment[]>;
}

export interface StatementRepository {
  /**
   * 对账单 of one person and scheme, live: paid months as ranges, personal-account
   * credits by year (reversals and refunds subtracted), interest by year at that
   * year's rate from the region's packs, balance; through the current year (China time).
   */
  forPersonScheme(personId: string, scheme: Scheme): Observable<PersonStatement>;
}
