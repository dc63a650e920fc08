import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from '../../i18n/i18n';

/**
 * 中文 / English. Each option's label is in its own language (a user who
 * cannot read the current UI language must still find their own), so the
 * labels are deliberately not translated.
 */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      value={lang}
      onChange={(v) => {
        void changeLanguage(v);
      }}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">{'中文'}</span> },
        { value: 'en', label: <span data-testid="lang-en">{'English'}</span> },
      ]}
    />
  );
}
