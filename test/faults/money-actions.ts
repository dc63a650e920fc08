import { firstValueFrom } from 'rxjs';
import { todayInChina } from '../../src/shared/id-number';
import { addMonths, monthOfYear } from '../../src/shared/months';
import type { Scheme } from '../../src/shared/policy/schemes';
import { onClock } from './device-clock';
import type { Device } from './device';
import type { Rng } from './random';

type Outcome = { ok: true; id: string } | { ok: false; error: string };
const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}:${e.message}`.slice(0, 160) : String(e));
async function attempt(p: () => Promise<{ id: string }>): Promise<Outcome> {
  try {
    return { ok: true, id: (await p()).id };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

const METHODS = ['cash', 'bank_card', 'mobile'] as const;
const ENROL_SCHEMES: readonly Scheme[] = ['employee_pension', 'employee_medical', 'residents_pension', 'residents_medical'];
const ENROL_STATUSES = ['active', 'active', 'suspended', 'lapsed'] as const;

/**
 * The money and window-record steps of a run: window payments (a leased
 * receipt number each), declarations (申报, no receipt), voided receipt
 * numbers, and enrolment status records. Remembers the ids each device
 * made; a refused write (DataError: no receipts left, enrolment rule…)
 * stores nothing and is only logged.
 */
export class MoneyWork {
  readonly payments = new Map<string, Set<string>>();
  readonly records = new Map<string, Set<string>>();
  private n = 0;

  constructor(private readonly rng: Rng, private readonly note: (text: string) => void, private readonly personFor: (d: Device) => Promise<string | null>) {}

  private made(map: Map<string, Set<string>>, d: Device, id: string): void {
    map.set(d.label, (map.get(d.label) ?? new Set()).add(id));
  }

  async pay(d: Device): Promise<void> {
    const personId = await this.personFor(d);
    if (personId === null) { this.note(`${d.label} pay: no person yet`); return; }
    // The current quarter as the device sees it, or one of the next three: a quarter wholly in the past
    // would be a back-payment needing a reviewer (ADR 017), which this workload does not model.
    const month = onClock(d.clockOffsetMs, () => todayInChina()).slice(0, 7);
    const from = addMonths(month, -((monthOfYear(month) - 1) % 3) + 3 * this.rng.int(0, 3));
    const to = addMonths(from, 2);
    const declared = this.rng.chance(0.25);
    const input = {
      personId, scheme: this.rng.pick(['employee_pension', 'employee_medical'] as const), fromMonth: from, toMonth: to, baseFen: 512400,
      method: declared ? null : this.rng.pick(METHODS), channel: declared ? 'declared' as const : 'window' as const,
    };
    const r = await attempt(() => d.api.payments.take(input));
    if (r.ok) this.made(this.payments, d, r.id);
    this.note(`${d.label} ${declared ? 'declare' : 'pay'} ${input.scheme} ${from}..${to} for ${personId.slice(0, 8)} → ${r.ok ? r.id : `refused ${r.error}`}`);
  }

  /** Voids the next receipt number (a form spoiled in the printer): that number is then used forever. */
  async voidNext(d: Device): Promise<void> {
    const personId = await this.personFor(d);
    const stock = await firstValueFrom(d.api.payments.receiptStock$);
    if (personId === null || stock.nextReceiptNo === null) { this.note(`${d.label} void: nothing to void`); return; }
    const r = await attempt(() => d.api.payments.voidReceipt(stock.nextReceiptNo ?? '', `卡纸 ${String(++this.n)}`, { personId, scheme: 'employee_pension' }));
    if (r.ok) this.made(this.payments, d, r.id);
    this.note(`${d.label} void ${stock.nextReceiptNo} → ${r.ok ? r.id : `refused ${r.error}`}`);
  }

  async enrol(d: Device): Promise<void> {
    const personId = await this.personFor(d);
    if (personId === null) { this.note(`${d.label} enrol: no person yet`); return; }
    const status = this.rng.pick(ENROL_STATUSES);
    const scheme = this.rng.pick(ENROL_SCHEMES);
    // "This month" as the device sees it: a device whose clock is off files the month it believes.
    const month = onClock(d.clockOffsetMs, () => todayInChina()).slice(0, 7);
    const input = { personId, scheme, status, effectiveMonth: month, reason: status === 'active' ? null : `原因 ${String(++this.n)}` };
    const r = await attempt(() => d.api.enrolments.setStatus(input));
    if (r.ok) this.made(this.records, d, r.id);
    this.note(`${d.label} enrolment ${scheme} ${status} ${month} for ${personId.slice(0, 8)} → ${r.ok ? r.id : `refused ${r.error}`}`);
  }

  /** At the end: every document a device holds that it made itself counts as made there (also writes cut by a reload that still landed). */
  async collectOwn(d: Device): Promise<void> {
    const deviceId = (await d.api.session())?.deviceId;
    for (const doc of await d.paymentDocs()) if (doc.deviceId === deviceId) this.made(this.payments, d, doc.id);
    for (const doc of await d.recordDocs()) if (doc.deviceId === deviceId) this.made(this.records, d, doc.id);
  }
}
