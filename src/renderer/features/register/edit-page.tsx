import { App, Result, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { maskIdNumber } from '../persons/person-format';
import { PersonForm } from './person-form';
import { formToInput, personToForm, type PersonFormInput } from './person-form-schema';

type Loaded = { readonly state: 'loading' } | { readonly state: 'missing' } | { readonly state: 'ready'; readonly form: PersonFormInput };

/** Edit a person with the same form and validation as registering; the ID cannot change (it is the key). */
export function EditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useData();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    const load = async (): Promise<Loaded> => {
      const p = await data.persons.get(id);
      if (!p) return { state: 'missing' };
      const head = p.household?.headId ? await data.persons.get(p.household.headId) : null;
      const headLabel = head ? `${head.name}  ${maskIdNumber(head.idNumber)}` : '';
      return { state: 'ready', form: personToForm(p, headLabel) };
    };
    load().then(
      (l) => {
        if (live) setLoaded(l);
      },
      (e: unknown) => {
        void message.error(errorText(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [data, id, message, t]);

  if (loaded.state === 'loading') return <Spin />;
  if (loaded.state === 'missing') return <Result status="404" title={t('detail.notFound')} />;
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('register.editTitle')}</Typography.Title>
      <PersonForm
        mode="edit"
        defaultValues={loaded.form}
        selfId={id}
        onCancel={() => {
          void navigate(`/persons/${id}`);
        }}
        onSubmit={async (values) => {
          try {
            await data.persons.update(id, formToInput(values));
            void message.success(t('register.updated'));
            void navigate(`/persons/${id}`);
          } catch (e) {
            void message.error(errorText(t, e));
          }
        }}
      />
    </>
  );
}
