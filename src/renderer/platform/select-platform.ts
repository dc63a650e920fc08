import { createElectronPlatform } from './electron';
import type { Platform } from './platform';
import { createWebPlatform } from './web';

let chosen: Platform | null = null;

/** Electron when the preload exposed window.shebao, otherwise the browser. Chosen once per page. */
export function selectPlatform(): Platform {
  chosen ??= window.shebao ? createElectronPlatform(window.shebao) : createWebPlatform(window);
  return chosen;
}
