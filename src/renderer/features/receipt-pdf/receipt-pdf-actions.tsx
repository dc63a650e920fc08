import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/person';
import { DataError, type PaymentView } from '../../data/contract';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { selectPlatform } from '../../platform/select-platform';
import { receiptContent, receiptFileName } from './receipt-content';
import { loadReceiptFont } from './receipt-font';

/**
 * The receipt is printed in Chinese whatever the UI language: it is an
 * official document handed to the person and filed by the centre, and its
 * fixed wording (险种, 大写金额, 副本) is what both expect to read.
 */
const RECEIPT_LANGUAGE = 'zh-CN';

export interface ReceiptPdfActionsProps {
  readonly view: PaymentView;
  readonly person: Person | null;
  readonly stationName: string;
  readonly clerkName: string;
  /** For a 补差: the receipt number of the original contribution. */
  readonly originalReceiptNo?: string | null;
  /** Told the new print count after each print or download. */
  readonly onPrinted: (count: number) => void;
}

/** Builds the PDF of this payment's receipt as print number `printNumber` (1 = original). */
export async function receiptPdfBytes(props: Omit<ReceiptPdfActionsProps, 'onPrinted'>, printNumber: number): Promise<Uint8Array> {
  // pdf-lib and fontkit (about 1 MB) load with the first receipt, not with the app.
  const [{ buildReceiptPdf }, font] = await Promise.all([import('./receipt-pdf'), loadReceiptFont()]);
  const content = receiptContent(i18next.getFixedT(RECEIPT_LANGUAGE), { ...props, printNumber });
  try {
    return await buildReceiptPdf(content, font);
  } catch (error: unknown) {
    // A font or layout failure: the clerk gets a clear message, support gets the cause in the console.
    console.error('receipt PDF failed', error);
    throw new DataError('pdf.build');
  }
}

/**
 * 打印 and 下载 PDF on the receipt page. Both issue a sheet, so both count as
 * a print: the count is taken BEFORE the PDF is made, so if anything fails
 * afterwards the next sheet says 副本 rather than two sheets both claiming to
 * be the original. A downloaded PDF counts because it can be printed later.
 */
export function ReceiptPdfActions(props: ReceiptPdfActionsProps) {
  const { t } = useTranslation();
  const data = useData();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'print' | 'download' | null>(null);
  const { view, onPrinted } = props;
  const disabled = view.payment.receiptNo === null || busy !== null;

  const issue = async (how: 'print' | 'download'): Promise<void> => {
    setBusy(how);
    try {
      const n = await data.payments.recordPrint(view.payment.id);
      onPrinted(n);
      const bytes = await receiptPdfBytes(props, n);
      const platform = selectPlatform();
      if (how === 'print') await platform.printPdf(bytes);
      else await platform.saveFile(receiptFileName(view, n), bytes, 'application/pdf');
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space>
      <Tooltip title={t('receiptPdf.languageNote')}>
        <Button type="primary" icon={<PrinterOutlined />} data-testid="receipt-print" loading={busy === 'print'} disabled={disabled} onClick={() => void issue('print')}>
          {t('receiptPdf.print')}
        </Button>
      </Tooltip>
      <Button icon={<DownloadOutlined />} data-testid="receipt-download" loading={busy === 'download'} disabled={disabled} onClick={() => void issue('download')}>
        {t('receiptPdf.download')}
      </Button>
    </Space>
  );
}
