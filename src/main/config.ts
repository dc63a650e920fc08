/**
 * Where the sync server is. Precedence: env SHEBAO_SERVER_URL (set by
 * `npm start`), then the URL the user saved (config.json in userData), then
 * the local default. A saved value is validated again on every read: the
 * file is outside our control.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../shared/result';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';
export const SERVER_URL_ENV = 'SHEBAO_SERVER_URL';
export const MAX_SERVER_URL_LENGTH = 2048;
/** Larger config files are not ours: refuse them rather than parse megabytes. */
const MAX_CONFIG_BYTES = 64 * 1024;

/**
 * Accepts an http(s) base URL without credentials, query or fragment, and
 * returns it normalised (no trailing slash). Error code: serverUrl.invalid.
 */
export function parseServerUrl(input: string): Result<string> {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SERVER_URL_LENGTH) return err('serverUrl.invalid');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return err('serverUrl.invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err('serverUrl.invalid');
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return err('serverUrl.invalid');
  if (url.hostname === '') return err('serverUrl.invalid');
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

const configFileSchema = z.object({ serverUrl: z.string().max(MAX_SERVER_URL_LENGTH).optional() });

export interface StoredConfig {
  readonly serverUrl?: string;
}

/** Reads config.json; a missing, oversized, corrupt or hostile file yields {} (never throws). */
export async function readConfigFile(file: string): Promise<StoredConfig> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_CONFIG_BYTES) return {};
    const parsed = configFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.serverUrl === undefined) return {};
    return { serverUrl: parsed.data.serverUrl };
  } catch {
    return {};
  }
}

/** Writes through a temporary file and a rename so a crash never leaves half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${String(process.pid)}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2), { encoding: 'utf8', mode: 0o600 });
  await rename(tmp, file);
}

export function resolveServerUrl(envValue: string | undefined, stored: StoredConfig): string {
  for (const candidate of [envValue, stored.serverUrl]) {
    if (candidate === undefined) continue;
    const parsed = parseServerUrl(candidate);
    if (parsed.ok) return parsed.value;
  }
  return DEFAULT_SERVER_URL;
}

/** The live configuration: loaded once at start, saved on change. */
export class ConfigStore {
  private stored: StoredConfig = {};

  constructor(
    private readonly file: string,
    private readonly envValue: string | undefined,
  ) {}

  async load(): Promise<void> {
    this.stored = await readConfigFile(this.file);
  }

  /** The URL in effect: the env value wins over a saved one (see file comment). */
  serverUrl(): string {
    return resolveServerUrl(this.envValue, this.stored);
  }

  async saveServerUrl(input: string): Promise<Result<null>> {
    const parsed = parseServerUrl(input);
    if (!parsed.ok) return parsed;
    const next: StoredConfig = { ...this.stored, serverUrl: parsed.value };
    await writeJsonAtomic(this.file, next);
    this.stored = next;
    return ok(null);
  }
}
