import type { Language } from '../../i18n/i18n';

/**
 * A stored instant in China time. The close-out day is the China date
 * (src/shared/closeout), so its sheet shows times in the same zone whatever
 * the machine's clock zone: a record at 00:30 China time must not read as
 * the evening before.
 */
export function chinaDateTime(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}
