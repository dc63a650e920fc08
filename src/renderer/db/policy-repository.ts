import { map } from 'rxjs';
import { compareVersions, packForMonth } from '../../shared/policy/pack-lookup';
import { VALUE_STATUSES, type PolicyPack, type ValueStatus } from '../../shared/policy/pack-schema';
import type { TrustedKey } from '../../shared/policy/pack-signing';
import type { PackDetail, PackRefusal, PackSummary, PolicyRepository } from '../data/contract';
import type { LocalStore } from './database';
import { LOCAL_DOC, type PackRefusalState } from './local-state';
import { verifyPackDoc } from './pack-verify';
import type { PackStoreDoc } from './schemas/pack-schema';

/** Every value of a pack that carries a status: the sourced top-level fields and each year's interest rate. */
export function countStatuses(pack: PolicyPack): Record<ValueStatus, number> {
  const counts = Object.fromEntries(VALUE_STATUSES.map((s) => [s, 0])) as Record<ValueStatus, number>;
  const add = (v: unknown): void => {
    const status = typeof v === 'object' && v !== null ? (v as { status?: unknown }).status : undefined;
    if (typeof status === 'string' && status in counts) counts[status as ValueStatus]++;
  };
  for (const v of Object.values(pack)) {
    if (Array.isArray(v)) v.forEach(add);
    else add(v);
  }
  return counts;
}

function summarize(doc: PackStoreDoc, pack: PolicyPack): PackSummary {
  return {
    id: doc.id,
    regionCode: pack.region.code,
    regionName: pack.region.name,
    version: pack.version,
    effectiveFrom: pack.effectiveFrom,
    effectiveTo: pack.effectiveTo ?? null,
    publishedAt: doc.publishedAt,
    statusCounts: countStatuses(pack),
  };
}

interface StoredPack {
  readonly revision: string;
  toMutableJSON(): PackStoreDoc;
}

const byRegionThenVersion = (a: PackDetail, b: PackDetail): number =>
  a.summary.regionCode === b.summary.regionCode
    ? compareVersions(a.summary.version, b.summary.version)
    : a.summary.regionCode < b.summary.regionCode ? -1 : 1;

/**
 * Policy packs as the UI and the contribution code use them. Only packs that
 * passed verification on the way in are stored (sync/pack-screen.ts); they
 * are verified again when read, so a pack altered in IndexedDB after it was
 * stored is not used either. Ed25519 verification takes milliseconds; the
 * result is cached per document, signature and key set.
 */
export function createPolicyRepository(store: LocalStore, keys: () => readonly TrustedKey[]): PolicyRepository {
  const cache = new Map<string, PackDetail | null>();

  const verified = (rx: StoredPack): PackDetail | null => {
    const trusted = keys();
    const doc = rx.toMutableJSON();
    // The revision changes with every write of the document, so any change to it is verified afresh.
    const cacheKey = `${doc.id}|${rx.revision}|${trusted.map((k) => `${k.keyId}:${k.publicKeyHex}`).join(',')}`;
    const hit = cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const verdict = verifyPackDoc({ ...doc, _deleted: false }, trusted);
    const detail = verdict.ok ? { summary: summarize(doc, verdict.pack), pack: verdict.pack } : null;
    if (!verdict.ok) console.warn('stored policy pack failed verification', doc.id, verdict.code);
    cache.set(cacheKey, detail);
    return detail;
  };

  const details = (docs: readonly StoredPack[]): PackDetail[] =>
    docs
      .map(verified)
      .filter((d): d is PackDetail => d !== null)
      .sort(byRegionThenVersion);

  const packsOf = async (regionCode: string): Promise<PolicyPack[]> =>
    details(await store.packs.find({ selector: { regionCode } }).exec()).map((d) => d.pack);

  return {
    list: () => store.packs.find().$.pipe(map((docs) => details(docs).map((d) => d.summary))),
    async get(id) {
      const doc = await store.packs.findOne(id).exec();
      return doc ? verified(doc) : null;
    },
    async packForMonth(regionCode, month) {
      return packForMonth(await packsOf(regionCode), regionCode, month) ?? null;
    },
    packsOf,
    refusals$: store.db
      .getLocal$<PackRefusalState>(LOCAL_DOC.packRefusals)
      .pipe(map((doc): PackRefusal[] => (doc ? (structuredClone(doc.toJSON().data.refusals) as PackRefusal[]) : []))),
  };
}
