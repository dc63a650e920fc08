/**
 * Sign policy packs with the centre's Ed25519 key (ADR 007).
 *
 *   node --import tsx scripts/sign-policy-pack.ts keygen [--key .data/policy-keys/centre-ed25519.json] [--force]
 *   node --import tsx scripts/sign-policy-pack.ts sign <pack.json>... [--key <file>] [--out-dir .data/signed-packs]
 *   node --import tsx scripts/sign-policy-pack.ts verify <signed.json>... [--key <file> | --public <hex>]
 *
 * The key file holds the private key: it lives under .data/ (git-ignored),
 * is written with mode 0600, and is never committed. Devices trust only the
 * public key (keyId + publicKeyHex). `sign` validates the pack against the
 * schema first: a pack that does not validate is never signed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPair, keyIdOf, signPack, verifyPack, type TrustedKey } from '../src/shared/policy/pack-signing';

const DEFAULT_KEY = '.data/policy-keys/centre-ed25519.json';
const DEFAULT_OUT = '.data/signed-packs';

interface KeyFile {
  readonly keyId: string;
  readonly publicKeyHex: string;
  readonly privateKeyHex: string;
  readonly createdAt: string;
}

function readKeyFile(path: string): KeyFile {
  if (!existsSync(path)) throw new Error(`no key file at ${path} (run: node --import tsx scripts/sign-policy-pack.ts keygen)`);
  const k = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  if (keyIdOf(k.publicKeyHex) !== k.keyId) throw new Error(`key file ${path} is inconsistent (keyId does not match the public key)`);
  return k;
}

function keygen(keyPath: string, force: boolean): void {
  if (existsSync(keyPath) && !force) throw new Error(`${keyPath} exists; refusing to overwrite the centre key (use --force)`);
  mkdirSync(dirname(keyPath), { recursive: true });
  const kp = generateKeyPair();
  const file: KeyFile = { ...kp, createdAt: new Date().toISOString() };
  writeFileSync(keyPath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  process.stdout.write(`centre key written to ${keyPath}\nkeyId ${kp.keyId}\npublicKeyHex ${kp.publicKeyHex}\n`);
}

function sign(files: readonly string[], keyPath: string, outDir: string): void {
  const key = readKeyFile(keyPath);
  mkdirSync(outDir, { recursive: true });
  for (const f of files) {
    const r = signPack(JSON.parse(readFileSync(f, 'utf8')) as unknown, key.privateKeyHex);
    if (!r.ok) throw new Error(`${f}: ${r.code} ${JSON.stringify(r.params ?? {})}`);
    const out = join(outDir, basename(f).replace(/\.json$/, '.signed.json'));
    writeFileSync(out, `${JSON.stringify(r.value, null, 2)}\n`);
    process.stdout.write(`${f} → ${out} (region ${r.value.pack.region.code}, version ${r.value.pack.version}, key ${key.keyId})\n`);
  }
}

function verify(files: readonly string[], trusted: TrustedKey): boolean {
  let allOk = true;
  for (const f of files) {
    const r = verifyPack(JSON.parse(readFileSync(f, 'utf8')) as unknown, [trusted]);
    allOk &&= r.ok;
    process.stdout.write(r.ok ? `${f}: ok (${r.value.region.name} ${r.value.version})\n` : `${f}: REFUSED ${r.code} ${JSON.stringify(r.params ?? {})}\n`);
  }
  return allOk;
}

function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, public: { type: 'string' }, 'out-dir': { type: 'string' }, force: { type: 'boolean' } },
  });
  const [command, ...files] = positionals;
  const keyPath = resolve(values.key ?? DEFAULT_KEY);
  switch (command) {
    case 'keygen':
      keygen(keyPath, values.force === true);
      return 0;
    case 'sign':
      if (files.length === 0) throw new Error('sign: give one or more pack files');
      sign(files, keyPath, resolve(values['out-dir'] ?? DEFAULT_OUT));
      return 0;
    case 'verify': {
      if (files.length === 0) throw new Error('verify: give one or more signed pack files');
      const pub = values.public ?? readKeyFile(keyPath).publicKeyHex;
      return verify(files, { keyId: keyIdOf(pub), publicKeyHex: pub }) ? 0 : 1;
    }
    default:
      process.stderr.write('usage: sign-policy-pack.ts keygen | sign <pack.json>... | verify <signed.json>... [--key file] [--public hex] [--out-dir dir] [--force]\n');
      return 2;
  }
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
