import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped policy packs (assets/policy-packs). This file must stay
 * directly in src/server: from source it is src/server/assets-dir.ts, in
 * the build it is bundled into dist/server/cli.js; both are two levels
 * below the project root, so ../../assets is right for both. Falls back to
 * ./assets of the working directory; `--assets-dir` overrides both.
 */
export function defaultPolicyPackDir(): string {
  const beside = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'policy-packs');
  return existsSync(beside) ? beside : resolve('assets', 'policy-packs');
}
