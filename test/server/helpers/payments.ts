import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ulid } from 'ulid';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateContribution } from '../../../src/shared/contributions/contribution-calc';
import type { ContributionRequest } from '../../../src/shared/contributions/contribution-types';
import type { Payment, PaymentLine } from '../../../src/shared/payment';
import { policyPackSchema, type PolicyPack } from '../../../src/shared/policy/pack-schema';
import { formatReceiptNumber } from '../../../src/shared/receipts/receipt-number';
import type { EnrolResponse, ReceiptLeaseRequest } from '../../../src/shared/sync-protocol';
import { chinaYear } from '../../../src/server/receipts/receipt-blocks';
import { authHeaders, SHIPPED_PACK_DIR } from './fixture';

/** The shipped Tianjin packs, as the device would have them after verification. */
export const TIANJIN_PACKS: readonly PolicyPack[] = ['tianjin-2024.1.json', 'tianjin-2025.1.json'].map((f) =>
  policyPackSchema.parse(JSON.parse(readFileSync(join(SHIPPED_PACK_DIR, f), 'utf8'))),
);

/** A person id of the right shape (the server does not require the person to be stored). */
export const PERSON_ID = `p${'ab'.repeat(16)}`;

/** Receipts are leased for the current year (±1), so test numbers use it. */
export const YEAR = chinaYear();

export function receiptNo(device: EnrolResponse, serial: number, year = YEAR): string {
  return formatReceiptNumber({ stationCode: device.station.code, deviceNo: device.deviceNo, year, serial });
}

/**
 * A window contribution as the device's form makes it: lines from the shared
 * calculator (Tianjin employee pension, a quarter at 6000 yuan unless patched).
 */
export function makeContribution(
  device: EnrolResponse,
  serial: number | null,
  req: Partial<ContributionRequest> = {},
  patch: Partial<Payment> = {},
  packs: readonly PolicyPack[] = TIANJIN_PACKS,
): Payment {
  const full: ContributionRequest = { scheme: 'employee_pension', regionCode: '120000', fromMonth: '2025-01', toMonth: '2025-03', baseFen: 600_000, ...req };
  const r = calculateContribution(full, packs);
  if (!r.ok) throw new Error(`test payment does not compute: ${r.code}`);
  const lines: PaymentLine[] = r.value.lines.map(({ scheme: _s, regionCode: _r, ...l }) => l);
  const staff = device.staff[0];
  if (!staff) throw new Error('no staff');
  return {
    id: ulid(),
    kind: 'contribution',
    personId: PERSON_ID,
    scheme: full.scheme,
    regionCode: full.regionCode,
    fromMonth: full.fromMonth,
    toMonth: full.toMonth,
    lines,
    totalFen: r.value.totalFen,
    paidFen: r.value.dueNowFen,
    method: serial === null ? null : 'cash',
    channel: serial === null ? 'declared' : 'window',
    receiptNo: serial === null ? null : receiptNo(device, serial),
    refId: null,
    reason: null,
    approvedBy: null,
    stationId: device.station.id,
    deviceId: device.deviceId,
    staffId: staff.id,
    createdAt: '2025-01-15T02:00:00.000Z',
    _deleted: false,
    ...patch,
  };
}

export const rowsOf = (...payments: Payment[]): { assumedMasterState: null; newDocumentState: Payment }[] =>
  payments.map((p) => ({ assumedMasterState: null, newDocumentState: p }));

export function lease(app: FastifyInstance, token: string, body: ReceiptLeaseRequest | Record<string, unknown>): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/receipts/lease', headers: authHeaders(token), payload: body });
}

/** A back-payment's clerk (a non-reviewer) and approver (the station's reviewer), as the demo seed staffs HX01 (ADR 017). */
export function approvedBackPay(device: EnrolResponse): { staffId: string; approvedBy: string } {
  const clerk = device.staff.find((s) => !s.reviewer);
  const reviewer = device.staff.find((s) => s.reviewer);
  if (!clerk || !reviewer) throw new Error('the station needs a clerk and a reviewer');
  return { staffId: clerk.id, approvedBy: reviewer.id };
}
