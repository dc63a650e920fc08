import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { Root } from './app/root';
import { initI18n } from './i18n/i18n';

/**
 * The service worker lets a station reopen the web app offline. Only in web
 * host mode over http(s): under Electron's app:// the files are local
 * anyway, and in dev it would cache stale modules.
 */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
    console.warn('service worker not registered', e);
  });
}

async function main(): Promise<void> {
  await initI18n();
  const el = document.getElementById('root');
  if (!el) throw new Error('index.html has no #root');
  createRoot(el).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
  registerServiceWorker();
}

void main();
