import {
  Button,
  Card,
  Chip,
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AutomationSettings } from '@voronka/common';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiRequest, ApiError } from '../../app/api';
import { decodeWith } from '../../app/decode';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert';
import { fetchUsers } from './automation-api';

const time = z.string();
const settingsOut = z.object({
  smtp: z
    .object({
      host: z.string(),
      port: z.number(),
      secure: z.boolean(),
      user: z.string().optional(),
      from: z.string(),
      has_password: z.boolean(),
    })
    .nullable(),
  sms: z
    .object({
      url: z.string(),
      method: z.enum(['POST', 'GET']),
      body: z.string(),
      has_token: z.boolean(),
    })
    .nullable(),
  ga4: z.object({ measurement_id: z.string(), endpoint: z.string().optional() }).nullable(),
  schedule: z.object({ days: z.array(z.number()), from: time, to: time }),
  away_user_ids: z.array(z.number()),
});
type SettingsOut = z.infer<typeof settingsOut>;
const settingsKey = ['automation', 'settings'] as const;
const fetchSettings = () => apiRequest('GET', '/api/app/automation/settings', decodeWith(settingsOut));
const saveSettings = (s: AutomationSettings) =>
  apiRequest('PUT', '/api/app/automation/settings', decodeWith(settingsOut), s);

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The form's state: every section's inputs, kept while a section is switched off. */
function draftOf(s: SettingsOut) {
  return {
    smtpOn: s.smtp !== null,
    smtp: {
      host: s.smtp?.host ?? '',
      port: s.smtp?.port ?? 587,
      secure: s.smtp?.secure ?? false,
      user: s.smtp?.user ?? '',
      password: '',
      from: s.smtp?.from ?? '',
    },
    hasPassword: s.smtp?.has_password ?? false,
    smsOn: s.sms !== null,
    sms: {
      url: s.sms?.url ?? '',
      method: s.sms?.method ?? 'POST',
      body: s.sms?.body ?? '{"to":"{{phone}}","text":"{{text}}"}',
      token: '',
    },
    hasToken: s.sms?.has_token ?? false,
    ga4On: s.ga4 !== null,
    ga4: { measurement_id: s.ga4?.measurement_id ?? '', api_secret: '', endpoint: s.ga4?.endpoint ?? '' },
    hasSecret: s.ga4 !== null,
    schedule: s.schedule,
    away: s.away_user_ids,
  };
}
type Draft = ReturnType<typeof draftOf>;

function toInput(d: Draft): AutomationSettings {
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    smtp: d.smtpOn
      ? {
          host: d.smtp.host,
          port: d.smtp.port,
          secure: d.smtp.secure,
          user: optional(d.smtp.user),
          password: optional(d.smtp.password),
          from: d.smtp.from,
        }
      : null,
    sms: d.smsOn
      ? { url: d.sms.url, method: d.sms.method, body: d.sms.body, token: optional(d.sms.token) }
      : null,
    ga4: d.ga4On
      ? {
          measurement_id: d.ga4.measurement_id,
          api_secret: d.ga4.api_secret,
          endpoint: optional(d.ga4.endpoint),
        }
      : null,
    schedule: d.schedule,
    away_user_ids: d.away,
  };
}

function Section({
  title,
  on,
  onToggle,
  children,
}: {
  title: string;
  on: boolean;
  onToggle: (v: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Switch
          label={<Text fw={600}>{title}</Text>}
          checked={on}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        {on && children}
      </Stack>
    </Card>
  );
}

/** Settings → digital pipeline: the SMTP server, SMS gateway, GA4, work schedule and users away. */
export function AutomationSettingsForm() {
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSettings });
  if (!settings.data) return null;
  return <SettingsEditor initial={settings.data} />;
}

function SettingsEditor({ initial }: { initial: SettingsOut }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['automation', 'users'], queryFn: fetchUsers });
  const [d, setD] = useState<Draft>(() => draftOf(initial));
  const set = (patch: Partial<Draft>) => setD((prev) => ({ ...prev, ...patch }));
  const save = useMutation({
    mutationFn: () => saveSettings(toInput(d)),
    onSuccess: (answer) => {
      queryClient.setQueryData(settingsKey, answer);
      setD(draftOf(answer));
      notifications.show({ color: 'teal', message: t('automation.settings.saved') });
    },
  });
  const errors = new Map(
    save.error instanceof ApiError ? save.error.fieldErrors.map((e) => [e.path, e.detail] as const) : [],
  );
  const err = (path: string) => errors.get(path);
  const kept = t('automation.settings.secretKept');

  return (
    <Stack
      gap="md"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} fz="h4">
        {t('automation.settings.title')}
      </Title>
      <Section title={t('automation.settings.smtp')} on={d.smtpOn} onToggle={(v) => set({ smtpOn: v })}>
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.settings.host')}
            required
            value={d.smtp.host}
            error={err('smtp.host')}
            onChange={(e) => set({ smtp: { ...d.smtp, host: e.currentTarget.value } })}
          />
          <NumberInput
            label={t('automation.settings.port')}
            required
            min={1}
            max={65535}
            value={d.smtp.port}
            error={err('smtp.port')}
            onChange={(v) => set({ smtp: { ...d.smtp, port: typeof v === 'number' ? v : 0 } })}
          />
        </Group>
        <Switch
          label={t('automation.settings.secure')}
          checked={d.smtp.secure}
          onChange={(e) => set({ smtp: { ...d.smtp, secure: e.currentTarget.checked } })}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.settings.user')}
            value={d.smtp.user}
            autoComplete="off"
            onChange={(e) => set({ smtp: { ...d.smtp, user: e.currentTarget.value } })}
          />
          <PasswordInput
            label={t('automation.settings.password')}
            placeholder={d.hasPassword ? kept : undefined}
            value={d.smtp.password}
            autoComplete="new-password"
            onChange={(e) => set({ smtp: { ...d.smtp, password: e.currentTarget.value } })}
          />
        </Group>
        <TextInput
          label={t('automation.settings.from')}
          description={t('automation.settings.fromHint')}
          required
          value={d.smtp.from}
          error={err('smtp.from')}
          onChange={(e) => set({ smtp: { ...d.smtp, from: e.currentTarget.value } })}
        />
      </Section>
      <Section title={t('automation.settings.sms')} on={d.smsOn} onToggle={(v) => set({ smsOn: v })}>
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.settings.url')}
            required
            value={d.sms.url}
            error={err('sms.url')}
            onChange={(e) => set({ sms: { ...d.sms, url: e.currentTarget.value } })}
          />
          <Select
            label={t('automation.settings.method')}
            data={['POST', 'GET']}
            value={d.sms.method}
            allowDeselect={false}
            onChange={(v) => set({ sms: { ...d.sms, method: v === 'GET' ? 'GET' : 'POST' } })}
          />
        </Group>
        <Textarea
          label={t('automation.settings.body')}
          description={t('automation.settings.bodyHint')}
          autosize
          minRows={2}
          value={d.sms.body}
          error={err('sms.body')}
          styles={{ input: { fontFamily: 'monospace' } }}
          onChange={(e) => set({ sms: { ...d.sms, body: e.currentTarget.value } })}
        />
        <PasswordInput
          label={t('automation.settings.token')}
          placeholder={d.hasToken ? kept : undefined}
          value={d.sms.token}
          autoComplete="new-password"
          onChange={(e) => set({ sms: { ...d.sms, token: e.currentTarget.value } })}
        />
      </Section>
      <Section title={t('automation.settings.ga4')} on={d.ga4On} onToggle={(v) => set({ ga4On: v })}>
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.settings.measurementId')}
            required
            placeholder="G-XXXXXXX"
            value={d.ga4.measurement_id}
            error={err('ga4.measurement_id')}
            onChange={(e) => set({ ga4: { ...d.ga4, measurement_id: e.currentTarget.value } })}
          />
          <PasswordInput
            label={t('automation.settings.apiSecret')}
            required={!d.hasSecret}
            placeholder={d.hasSecret ? kept : undefined}
            value={d.ga4.api_secret}
            error={err('ga4.api_secret')}
            autoComplete="new-password"
            onChange={(e) => set({ ga4: { ...d.ga4, api_secret: e.currentTarget.value } })}
          />
        </Group>
        <TextInput
          label={t('automation.settings.endpoint')}
          description={t('automation.settings.endpointHint')}
          value={d.ga4.endpoint}
          error={err('ga4.endpoint')}
          onChange={(e) => set({ ga4: { ...d.ga4, endpoint: e.currentTarget.value } })}
        />
      </Section>
      <Card
        withBorder
        radius="md"
        padding="md"
        component="section"
        aria-label={t('automation.settings.schedule')}
      >
        <Stack gap="sm">
          <Text fw={600}>{t('automation.settings.schedule')}</Text>
          <Text fz="sm" c="dimmed">
            {t('automation.settings.scheduleHint')}
          </Text>
          <Chip.Group
            multiple
            value={d.schedule.days.map(String)}
            onChange={(v) => set({ schedule: { ...d.schedule, days: v.map(Number).sort((a, b) => a - b) } })}
          >
            <Group gap="xs">
              {DAYS.map((day) => (
                <Chip key={day} value={String(day)} size="sm">
                  {t(`automation.settings.days.${day}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group grow align="flex-start">
            <TextInput
              type="time"
              label={t('automation.settings.from_time')}
              value={d.schedule.from}
              error={err('schedule.from')}
              onChange={(e) => set({ schedule: { ...d.schedule, from: e.currentTarget.value } })}
            />
            <TextInput
              type="time"
              label={t('automation.settings.to_time')}
              value={d.schedule.to}
              error={err('schedule.to')}
              onChange={(e) => set({ schedule: { ...d.schedule, to: e.currentTarget.value } })}
            />
          </Group>
          <MultiSelect
            label={t('automation.settings.away')}
            description={t('automation.settings.awayHint')}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={d.away.map(String)}
            onChange={(v) => set({ away: v.map(Number) })}
            searchable
          />
        </Stack>
      </Card>
      <ApiErrorAlert error={save.error} title={t('automation.settings.saveFailed')} hideFieldErrors />
      {save.error instanceof ApiError &&
        save.error.fieldErrors
          .filter(
            (e) =>
              ![
                'smtp.host',
                'smtp.port',
                'smtp.from',
                'sms.url',
                'sms.body',
                'ga4.measurement_id',
                'ga4.api_secret',
                'ga4.endpoint',
                'schedule.from',
                'schedule.to',
              ].includes(e.path),
          )
          .map((e) => (
            <Text key={e.path} c="red" fz="sm">
              {e.path}: {e.detail}
            </Text>
          ))}
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t('automation.settings.save')}
        </Button>
      </Group>
    </Stack>
  );
}
