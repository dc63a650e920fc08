import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyPackSchema, type PolicyPack } from '../../../src/shared/policy/pack-schema';

export const PACK_DIR = join(import.meta.dirname, '../../../assets/policy-packs');

export const packFiles = (): string[] => readdirSync(PACK_DIR).filter((f) => f.endsWith('.json')).sort();

export const rawPack = (file: string): unknown => JSON.parse(readFileSync(join(PACK_DIR, file), 'utf8'));

/** The shipped packs, parsed (throws if one does not validate: the schema test says which). */
export function shippedPacks(): PolicyPack[] {
  return packFiles().map((f) => policyPackSchema.parse(rawPack(f)));
}

export function shippedPack(file: string): PolicyPack {
  return policyPackSchema.parse(rawPack(file));
}

export const BEIJING = '110000';
export const TIANJIN = '120000';
export const ZHEJIANG = '330000';
