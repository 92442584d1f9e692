import { sessionPayloadSchema, type accountPatchSchema, type Language } from '@voronka/common';
import { Button, Center, Group, Loader, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiRequest, setCsrfToken } from '../../../app/api';
import { decodeWith } from '../../../app/decode';
import { sessionKey } from '../../../app/query-client';
import { serverFieldErrors } from '../../../app/server-field-errors';
import { SectionPage } from '../../../ui/SectionPage';
import { useCurrentSession } from '../../auth/useSession';
import { AdminOnly } from '../AdminOnly';
import { SettingsErrorAlert } from '../SettingsErrorAlert';
import { SettingsSection } from '../SettingsSection';

/** The currencies of the markets Voronka is made for, offered first. */
const COMMON_CURRENCIES = ['RUB', 'UAH', 'KZT', 'BYN', 'USD', 'EUR'];

const optionsKey = ['settings', 'account-options'] as const;
const fetchOptions = () =>
  apiRequest(
    'GET',
    '/api/app/account/options',
    decodeWith(z.object({ currencies: z.array(z.string()), timezones: z.array(z.string()) })),
  );
const saveAccount = (input: z.input<typeof accountPatchSchema>) =>
  apiRequest('PATCH', '/api/app/account', decodeWith(sessionPayloadSchema), input);

/** Settings -> Account: name, currency, time zone and language of the whole account. */
export function AccountSettingsPage() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('settingsAccount.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <AccountForm />
      </AdminOnly>
    </SectionPage>
  );
}

function AccountForm() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { account } = useCurrentSession();
  const options = useQuery({ queryKey: optionsKey, queryFn: fetchOptions, staleTime: Infinity });
  const [values, setValues] = useState({
    name: account.name,
    currency: account.currency,
    timezone: account.timezone,
    locale: account.locale,
  });
  const save = useMutation({
    mutationFn: () => saveAccount({ ...values, name: values.name.trim() }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
      notifications.show({ color: 'teal', message: t('settingsAccount.saved') });
    },
  });
  const server = serverFieldErrors(save.error, ['name', 'currency', 'timezone', 'locale'] as const);

  if (options.isPending) {
    return (
      <Center py="xl" role="status" aria-label={t('app.loading')}>
        <Loader />
      </Center>
    );
  }
  const currencyName = (code: string) => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'currency' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const allCurrencies = options.data?.currencies ?? COMMON_CURRENCIES;
  const currencyData = [
    ...COMMON_CURRENCIES,
    ...allCurrencies.filter((c) => !COMMON_CURRENCIES.includes(c)),
  ].map((code) => ({ value: code, label: `${code} — ${currencyName(code)}` }));
  const zones = options.data?.timezones ?? [];
  const timezoneData = zones.includes(values.timezone) ? zones : [values.timezone, ...zones];
  const nameError = values.name.trim() ? server.name : t('validation.required');

  return (
    <SettingsSection title={t('settingsAccount.general')} description={t('settingsAccount.description')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (values.name.trim()) save.mutate();
        }}
      >
        <Stack gap="md" maw={560}>
          <SettingsErrorAlert error={options.error ?? save.error} title={t('settingsAccount.saveFailed')} />
          <TextInput
            label={t('settingsAccount.name')}
            required
            maxLength={200}
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((v) => ({ ...v, name }));
            }}
            error={nameError}
          />
          <Select
            label={t('settingsAccount.currency')}
            description={t('settingsAccount.currencyHint')}
            data={currencyData}
            value={values.currency}
            searchable
            allowDeselect={false}
            onChange={(currency) => currency && setValues((v) => ({ ...v, currency }))}
            error={server.currency}
          />
          <Select
            label={t('settingsAccount.timezone')}
            description={t('settingsAccount.timezoneHint')}
            data={timezoneData}
            value={values.timezone}
            searchable
            allowDeselect={false}
            limit={100}
            onChange={(timezone) => timezone && setValues((v) => ({ ...v, timezone }))}
            error={server.timezone}
          />
          <Select
            label={t('settingsAccount.language')}
            description={t('settingsAccount.languageHint')}
            data={(['ru', 'en'] as const).map((value) => ({ value, label: t(`languages.${value}`) }))}
            value={values.locale}
            allowDeselect={false}
            onChange={(v) =>
              setValues((old) => ({ ...old, locale: v === 'en' ? 'en' : ('ru' satisfies Language) }))
            }
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}
