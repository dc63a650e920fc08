import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packDocId, type PackDoc } from '../../src/shared/policy/pack-doc';
import type { PolicyPack } from '../../src/shared/policy/pack-schema';
import { generateKeyPair, signPack, type SignedPack, type TrustedKey } from '../../src/shared/policy/pack-signing';
import { API_PREFIX, type EnrolResponse, type PullResponse } from '../../src/shared/sync-protocol';
import { SESSION } from './fixtures';

const PACK_DIR = join(import.meta.dirname, '../../assets/policy-packs');

/** A shipped pack file (assets/policy-packs), unsigned. */
export const shippedPack = (file: string): PolicyPack => JSON.parse(readFileSync(join(PACK_DIR, file), 'utf8')) as PolicyPack;

export interface TestKey extends TrustedKey {
  readonly privateKeyHex: string;
}

/** Deterministic keys so a failure reproduces. */
export const centreKey = (n: number): TestKey => generateKeyPair(new Uint8Array(32).fill(n));

export function sign(pack: PolicyPack, key: TestKey): SignedPack {
  const signed = signPack(pack, key.privateKeyHex);
  if (!signed.ok) throw new Error(`pack does not sign: ${signed.code}`);
  return signed.value;
}

/** The replicated document for a signed pack, envelope copied from the pack (as the server writes it). */
export function packDoc(signed: SignedPack, publishedAt = '2025-01-02T03:04:05.000Z'): PackDoc {
  const { pack } = signed;
  return {
    id: packDocId(pack.region.code, pack.version),
    regionCode: pack.region.code,
    version: pack.version,
    effectiveFrom: pack.effectiveFrom,
    signed: { pack, signature: signed.signature },
    publishedAt,
    _deleted: false,
  };
}

/** A pack signed correctly, then changed (the base floor lowered by 1 yuan): the signature no longer matches. */
export function tampered(signed: SignedPack): SignedPack {
  const pack = structuredClone(signed.pack);
  pack.baseFloor.value -= 100;
  return { pack, signature: signed.signature };
}

export interface FakeCentre {
  readonly fetchImpl: typeof fetch;
  /** Requests seen, as 'GET /sync/packs/pull' etc. (path after /api/v1). */
  readonly requests: string[];
}

/**
 * A stand-in for the centre's HTTP API that serves chosen pack documents,
 * including ones the real server would never publish (tampered, wrong key,
 * wrong envelope): the device must refuse them on its own. Everything else
 * answers empty. Pack pulls page with checkpoints {xid:'1', seq:<index>}.
 */
export function fakeCentre(options: { packs: readonly unknown[]; enrolKeys?: readonly TrustedKey[]; fetchedKeys?: readonly TrustedKey[] }): FakeCentre {
  const requests: string[] = [];
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const path = url.pathname.slice(API_PREFIX.length);
    const method = init?.method ?? 'GET';
    requests.push(`${method} ${path}`);
    if (path === '/devices/enrol') {
      const body: EnrolResponse = {
        deviceId: SESSION.deviceId, deviceNo: 1, token: SESSION.token,
        station: { id: SESSION.stationId, code: SESSION.stationCode, name: SESSION.stationName },
        city: { id: 'C-TJ', name: SESSION.cityName, regionCode: SESSION.regionCode },
        personKeySecret: SESSION.personKeySecret, staff: SESSION.staff, serverTime: new Date().toISOString(),
        ...(options.enrolKeys ? { policyKeys: options.enrolKeys } : {}),
      };
      return Promise.resolve(json(200, body));
    }
    if (path === '/policy-keys') {
      return Promise.resolve(options.fetchedKeys ? json(200, { keys: options.fetchedKeys }) : json(404, { error: { code: 'route.notFound' } }));
    }
    if (path === '/time') return Promise.resolve(json(200, { serverTime: new Date().toISOString() }));
    const pull = /^\/sync\/(\w+)\/pull$/.exec(path);
    if (pull) {
      const docs = pull[1] === 'packs' ? options.packs : [];
      const from = Number(url.searchParams.get('seq') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const page = docs.slice(from, from + limit);
      const body: PullResponse<unknown> = {
        documents: page,
        checkpoint: docs.length === 0 && from === 0 ? null : { xid: '1', seq: String(from + page.length) },
      };
      return Promise.resolve(json(200, body));
    }
    return Promise.resolve(json(404, { error: { code: 'route.notFound' } }));
  };
  return { fetchImpl, requests };
}
