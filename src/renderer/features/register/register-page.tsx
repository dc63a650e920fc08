import { App, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { parseIdNumber } from '../../../shared/id-number';
import type { Person } from '../../../shared/person';
import { useSession } from '../../app/session-context';
import { useData } from '../../data/data-context';
import { errorText } from '../../i18n/error-text';
import { PersonForm } from './person-form';
import { emptyPersonForm, formToInput } from './person-form-schema';
import { stationAddress } from './station-address';

/** 人员登记: register a new person; an ID that is already registered opens that person instead. */
export function RegisterPage() {
  const { t } = useTranslation();
  const data = useData();
  const { session } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const defaults = useMemo(() => emptyPersonForm(stationAddress(session.regionCode)), [session.regionCode]);

  const openExisting = (p: Person): void => {
    void message.info(t('register.exists'));
    void navigate(`/persons/${p.id}`);
  };

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('register.title')}</Typography.Title>
      <PersonForm
        mode="create"
        defaultValues={defaults}
        selfId={null}
        onIdChecked={(idType, idNumber) => {
          const parsed = parseIdNumber(idType, idNumber);
          if (!parsed.ok) return;
          data.persons.findById(idType, parsed.value.normalized).then(
            (p) => {
              if (p) openExisting(p);
            },
            (e: unknown) => {
              void message.error(errorText(t, e));
            },
          );
        }}
        onSubmit={async (values) => {
          try {
            const outcome = await data.persons.register(formToInput(values));
            if (outcome.status === 'exists') {
              openExisting(outcome.person);
              return;
            }
            void message.success(t('register.created', { name: outcome.person.name }));
            void navigate(`/persons/${outcome.person.id}`);
          } catch (e) {
            void message.error(errorText(t, e));
          }
        }}
      />
    </>
  );
}
