import { Form } from 'antd';
import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { translateCode } from '../../i18n/i18n';

interface FieldItemProps {
  readonly label: ReactNode;
  readonly htmlFor?: string;
  readonly required?: boolean;
  readonly error?: FieldError | undefined;
  /** Replaces the translated error (e.g. the ID message with its parameters). */
  readonly help?: ReactNode;
  readonly extra?: ReactNode;
  readonly children: ReactNode;
}

/**
 * antd's Form.Item used for layout only (label, error colour, help text);
 * react-hook-form owns the values. Error messages are codes → errors.<code>.
 */
export function FieldItem({ label, htmlFor, required, error, help, extra, children }: FieldItemProps) {
  const { t } = useTranslation();
  const message = help ?? (error?.message ? translateCode(t, error.message) : undefined);
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      required={required}
      validateStatus={error || help ? 'error' : undefined}
      help={message}
      extra={extra}
    >
      {children}
    </Form.Item>
  );
}
