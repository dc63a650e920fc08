import type { TFunction } from 'i18next';
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/universal';
import type { LapseRow } from '../../data/lapse-contract';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column keys in export order; headers are lapse.xlsx.<key> (Chinese in the default language). */
export const EXPORT_COLUMNS = [
  'name', 'idNumber', 'sex', 'age', 'phone', 'town', 'address', 'categories', 'schemes', 'since', 'monthsUnpaid', 'lastPaid',
  'monthsPaid', 'monthsShort', 'retirementMonth', 'nearRetirement',
] as const;

/**
 * The worklist as spreadsheet rows: a header row, then one row per person.
 * ID numbers and months are text cells (a number cell would turn an ID into
 * 1.2E+17 and a month into a date); counts are numbers so the district can
 * sum them.
 */
export function worklistSheet(rows: readonly LapseRow[], t: TFunction, townName: (code: string) => string): SheetData {
  const header: Row = EXPORT_COLUMNS.map((key) => ({ value: t(`lapse.xlsx.${key}`), fontWeight: 'bold' }));
  const text = (value: string): Row[number] => ({ value, type: String });
  const body: Row[] = rows.map((r) => {
    const p = r.lapse.pension;
    return [
      text(r.name), text(r.idNumber), text(t(`lapse.sex.${r.sex}`)), r.lapse.ageYears, text(r.phone), text(r.townCode ? townName(r.townCode) : ''),
      text(r.addressDetail), text(r.categories.map((c) => t(`categories.${c}`)).join('、')),
      text(r.lapse.schemes.map((s) => t(`schemes.${s.scheme}`)).join('、')), text(r.lapse.since), r.lapse.monthsUnpaid,
      text(r.lapse.schemes.map((s) => s.lastPaid ?? '').filter((m) => m !== '').sort().at(-1) ?? ''),
      p ? p.monthsPaid : null, p ? p.monthsShort : null, text(p?.retirementMonth ?? ''), text(r.lapse.nearRetirement ? t('lapse.yes') : ''),
    ];
  });
  return [header, ...body];
}

/** The .xlsx file bytes (works in the browser and under Node: no file system, no network). */
export async function worklistXlsx(rows: readonly LapseRow[], t: TFunction, townName: (code: string) => string): Promise<Uint8Array> {
  const blob = await writeXlsxFile(worklistSheet(rows, t, townName), { sheet: t('lapse.xlsx.sheet'), stickyRowsCount: 1 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
