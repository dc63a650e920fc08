import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RESOURCES } from './resources';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen UI language is remembered between sessions (per browser profile). */
export const LANGUAGE_STORAGE_KEY = 'shebao.lang';

function isLanguage(v: unknown): v is Language {
  return LANGUAGES.some((l) => l === v);
}

/** Stored choice, else Chinese: the users are station staff in China, whatever the OS language. */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

/** Initialises i18next once; resources are bundled so the UI never waits on a fetch. */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: RESOURCES['zh-CN'] }, en: { translation: RESOURCES.en } },
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies for this session.
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** The i18next key for an error code from the data layer, the server or a validator. */
export function errorKey(code: string): string {
  return `errors.${code}`;
}

/** Bare codes some sources use for a group that has specific messages. */
const CODE_ALIASES: Readonly<Record<string, string>> = { network: 'network.unreachable', server: 'server.error' };

/** Translates an error code, falling back to a generic message that still shows the code. */
export function translateCode(t: TFunction, code: string, params?: Record<string, string | number>): string {
  const key = errorKey(CODE_ALIASES[code] ?? code);
  // Codes are nested paths (errors.id.checkDigit); only a leaf string is a message.
  const leaf: unknown = i18next.getResource(currentLanguage(), 'translation', key) ?? i18next.getResource('zh-CN', 'translation', key);
  return typeof leaf === 'string' ? t(key, params ?? {}) : t('errors.unknown', { code });
}
