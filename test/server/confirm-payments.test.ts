import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfirmPayments } from '../../src/server/confirm-payments-cli';
import { ConfirmationWatcher } from '../../src/server/payments/confirmation-watcher';
import { confirmationIdFor, confirmPayments, parseConfirmationCsv, parseConfirmedAt } from '../../src/server/payments/confirm-payments';
import type { CliIo } from '../../src/server/publish-pack-cli';
import { startServer } from '../../src/server/server-main';
import { ChangeNotifier } from '../../src/server/sync/change-notifier';
import { paymentSchema, type Payment } from '../../src/shared/payment';
import type { EnrolResponse, StreamEvent } from '../../src/shared/sync-protocol';
import { DB_VARIANTS } from './helpers/db-variants';
import { enrol, makeFixture, pullAll, push, SHIPPED_PACK_DIR, type Fixture } from './helpers/fixture';
import { lease, makeContribution, rowsOf, YEAR } from './helpers/payments';

const dir = mkdtempSync(join(tmpdir(), 'shebao-confirm-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function captureIo(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

describe('confirmation file parsing', () => {
  it('reads id and time per line, skipping a header, a BOM and blank lines; local times are China time', () => {
    const id = '01JD0000000000000000000000';
    const r = parseConfirmationCsv(`\uFEFFpayment_id,confirmed_at\r\n${id.toLowerCase()},2025-03-01 10:00:00\r\n\r\n"${id}","2025-03-01T02:00:00Z"\n`);
    expect(r).toEqual({ ok: true, value: [
      { line: 2, paymentId: id, confirmedAt: '2025-03-01T02:00:00.000Z' },
      { line: 4, paymentId: id, confirmedAt: '2025-03-01T02:00:00.000Z' },
    ] });
    expect(parseConfirmedAt('2025-03-01T10:00+08:00')).toBe('2025-03-01T02:00:00.000Z');
  });

  it('refuses the whole file when a line is bad, naming the line', () => {
    const r = parseConfirmationCsv('01JD0000000000000000000000,2025-03-01T02:00:00Z\nnot-an-id,2025-03-01\n01JD0000000000000000000000,yesterday\n01JD0000000000000000000000\n');
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.line, e.code])).toEqual([[2, 'confirm.paymentId'], [3, 'confirm.confirmedAt'], [4, 'confirm.columns']]);
  });
});

describe.each(DB_VARIANTS)('confirmation import on $name', (variant) => {
  let f: Fixture;
  let hx: EnrolResponse;
  let xq: EnrolResponse;
  beforeAll(async () => {
    f = await makeFixture(variant, { packs: true });
    hx = await enrol(f.app, 'HX01', 'window');
    xq = await enrol(f.app, 'XQ01', 'other');
    expect((await lease(f.app, hx.token, { year: YEAR, remaining: 0 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await f.close();
  });

  const confirmationsOf = async (refId: string): Promise<Payment[]> =>
    (await f.db.query<{ data: Payment }>("SELECT data FROM docs WHERE collection = 'payments' AND data->>'refId' = $1", [refId])).map((r) => r.data);

  it('writes one confirmation per declared payment, idempotently, tells the streams, and the station pulls it', async () => {
    const declared = makeContribution(hx, null);
    expect((await push(f.app, hx.token, 'payments', rowsOf(declared))).statusCode).toBe(200);
    const notifier = new ChangeNotifier();
    const events: StreamEvent[] = [];
    notifier.subscribe(f.demo.cityId, (e) => events.push(e));

    const first = await confirmPayments(f.db, [{ line: 1, paymentId: declared.id, confirmedAt: '2025-02-01T03:00:00.000Z' }], notifier);
    expect(first).toEqual({ ok: true, value: { confirmed: [declared.id], present: [] } });
    expect(events).toMatchObject([{ type: 'changes', collection: 'payments' }]);
    // Again, even with another time: nothing new.
    const again = await confirmPayments(f.db, [{ line: 1, paymentId: declared.id, confirmedAt: '2025-02-02T03:00:00.000Z' }], notifier);
    expect(again).toEqual({ ok: true, value: { confirmed: [], present: [declared.id] } });
    expect(events).toHaveLength(1);

    const stored = await confirmationsOf(declared.id);
    expect(stored).toHaveLength(1);
    const c = stored[0];
    expect(paymentSchema.safeParse(c).success).toBe(true);
    expect(c).toMatchObject({
      id: confirmationIdFor(declared.id), kind: 'confirmation', refId: declared.id, channel: 'declared', stationId: hx.station.id,
      deviceId: 'centre', staffId: 'centre', personId: declared.personId, createdAt: '2025-02-01T03:00:00.000Z', lines: [], totalFen: 0,
    });
    for (const d of [hx, xq]) expect((await pullAll<Payment>(f.app, d.token, 'payments')).find((p) => p.refId === declared.id)).toEqual(c);
  });

  it('lets a running server notice confirmations written by another process (watcher)', async () => {
    const declared = makeContribution(hx, null);
    expect((await push(f.app, hx.token, 'payments', rowsOf(declared))).statusCode).toBe(200);
    const notifier = new ChangeNotifier();
    const events: StreamEvent[] = [];
    notifier.subscribe(f.demo.cityId, (e) => events.push(e));
    const watcher = new ConfirmationWatcher(f.db, notifier);
    await watcher.prime();
    expect(await watcher.check()).toBe(false);
    expect((await confirmPayments(f.db, [{ line: 1, paymentId: declared.id, confirmedAt: '2025-02-01T03:00:00.000Z' }])).ok).toBe(true);
    expect(await watcher.check()).toBe(true);
    expect(events).toMatchObject([{ type: 'changes', collection: 'payments' }]);
    expect(await watcher.check()).toBe(false);
  });

  it('refuses a file with an unknown or non-declared payment and stores nothing of it', async () => {
    const declared = makeContribution(hx, null);
    const window = makeContribution(hx, 1);
    expect((await push(f.app, hx.token, 'payments', rowsOf(declared, window))).statusCode).toBe(200);
    const r = await confirmPayments(f.db, [
      { line: 1, paymentId: declared.id, confirmedAt: '2025-02-01T03:00:00.000Z' },
      { line: 2, paymentId: window.id, confirmedAt: '2025-02-01T03:00:00.000Z' },
      { line: 3, paymentId: '01JD0000000000000000000000', confirmedAt: '2025-02-01T03:00:00.000Z' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.line, e.code])).toEqual([[2, 'confirm.notDeclared'], [3, 'confirm.unknownPayment']]);
    expect(await confirmationsOf(declared.id)).toEqual([]);
  });
});

describe('confirm-payments CLI (PGlite data directory)', () => {
  it('imports a file into a stopped server\'s database; a second run is harmless; the station pulls it after restart', async () => {
    const dataDir = join(dir, 'data');
    const start = () => startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, demoPeople: 0, policyPackDir: SHIPPED_PACK_DIR, packWatchMs: 0 });
    let server = await start();
    const device = await enrol(server.app, 'HX01', 'cli test');
    const declared = makeContribution(device, null);
    expect((await push(server.app, device.token, 'payments', rowsOf(declared))).statusCode).toBe(200);
    await server.close();

    const file = join(dir, 'confirmations.csv');
    writeFileSync(file, `payment_id,confirmed_at\n${declared.id},2025-02-01 11:00:00\n`);
    const io = captureIo();
    expect(await runConfirmPayments([file, '--data-dir', dataDir], {}, io)).toBe(0);
    expect(io.outLines).toEqual([declared.id]);
    const io2 = captureIo();
    expect(await runConfirmPayments([file, '--data-dir', dataDir], {}, io2)).toBe(0);
    expect(io2.outLines).toEqual([]);
    expect(io2.errLines.join('\n')).toContain('1 already confirmed');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '01JD0000000000000000000000,2025-02-01T03:00:00Z\n');
    const io3 = captureIo();
    expect(await runConfirmPayments([bad, '--data-dir', dataDir], {}, io3)).toBe(1);
    expect(io3.errLines[0]).toContain(':1: confirm.unknownPayment');
    expect(await runConfirmPayments([], {}, captureIo())).toBe(2);

    server = await start();
    try {
      const pulled = await pullAll<Payment>(server.app, device.token, 'payments');
      expect(pulled.filter((p) => p.kind === 'confirmation')).toMatchObject([{ refId: declared.id, createdAt: '2025-02-01T03:00:00.000Z' }]);
    } finally {
      await server.close();
    }
  });
});
