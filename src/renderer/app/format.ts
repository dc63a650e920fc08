import type { Language } from '../i18n/i18n';

/** A stored ISO instant shown in the UI language and the machine's time zone. */
export function formatDateTime(iso: string | null, lang: Language): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}
