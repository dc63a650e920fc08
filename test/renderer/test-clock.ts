/**
 * The clock the renderer tests take payments by (PaymentRepositoryDeps.now,
 * OpenDataApiOptions.now). Payments are judged from the month they are taken
 * in (a span wholly in the past is a back-payment, ADR 017), and the tests pay
 * fixed 2025 periods; so they are taken from 2025-04-15 at noon China time,
 * with the clock running at real speed from there. 2025 stays within the
 * year either side of the machine's that the centre leases receipts for.
 */
export const TEST_CLOCK_START = '2025-04-15T04:00:00.000Z';

/** A clock that reads `startIso` now and runs at real speed (ordering of createdAt stays real). */
export function clockFrom(startIso: string): () => Date {
  const startMs = Date.parse(startIso);
  const startedAt = Date.now();
  return () => new Date(startMs + (Date.now() - startedAt));
}

export const testNow = clockFrom(TEST_CLOCK_START);
