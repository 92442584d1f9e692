import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../auth/useSession';
import { SettingsErrorAlert } from '../settings/SettingsErrorAlert';
import { connectMailbox, mailboxesKey, updateMailbox, type MailboxOut } from './api';

type Props = { mailbox: MailboxOut | null; onClose: () => void };

type Server = { host: string; port: number; tls: boolean; user: string; password: string };

/** Connects a mailbox (both logins are tried by the server before it is saved) or changes one. */
export function MailboxModal({ mailbox, onClose }: Props) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(mailbox?.name ?? '');
  const [email, setEmail] = useState(mailbox?.email ?? '');
  const [personal, setPersonal] = useState(mailbox?.personal ?? !user.isAdmin);
  const [folder, setFolder] = useState(mailbox?.imap.folder ?? 'INBOX');
  const [imap, setImap] = useState<Server>({
    host: mailbox?.imap.host ?? '',
    port: mailbox?.imap.port ?? 993,
    tls: mailbox?.imap.tls ?? true,
    user: mailbox?.imap.user ?? '',
    password: '',
  });
  const [smtp, setSmtp] = useState<Server>({
    host: mailbox?.smtp.host ?? '',
    port: mailbox?.smtp.port ?? 465,
    tls: mailbox?.smtp.tls ?? true,
    user: mailbox?.smtp.user ?? '',
    password: '',
  });
  const [sameLogin, setSameLogin] = useState(!mailbox || mailbox.smtp.user === mailbox.imap.user);

  const save = useMutation({
    mutationFn: async () => {
      const smtpLogin = sameLogin
        ? {}
        : { user: smtp.user.trim(), ...(smtp.password ? { password: smtp.password } : {}) };
      if (mailbox) {
        await updateMailbox(mailbox.id, {
          name: name.trim(),
          email: email.trim(),
          imap: {
            host: imap.host.trim(),
            port: imap.port,
            tls: imap.tls,
            user: imap.user.trim(),
            folder: folder.trim() || 'INBOX',
            ...(imap.password ? { password: imap.password } : {}),
          },
          smtp: {
            host: smtp.host.trim(),
            port: smtp.port,
            tls: smtp.tls,
            ...(sameLogin
              ? { user: imap.user.trim(), ...(imap.password ? { password: imap.password } : {}) }
              : smtpLogin),
          },
        });
      } else {
        await connectMailbox({
          name: name.trim(),
          email: email.trim(),
          personal,
          imap: { ...imap, host: imap.host.trim(), user: imap.user.trim(), folder: folder.trim() || 'INBOX' },
          smtp: { host: smtp.host.trim(), port: smtp.port, tls: smtp.tls, ...smtpLogin },
        });
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: mailboxesKey });
      onClose();
    },
  });

  const serverFields = (which: 'imap' | 'smtp', value: Server, set: (v: Server) => void) => (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <TextInput
        label={t(`mail.settings.${which}Host`)}
        required
        value={value.host}
        onChange={(e) => set({ ...value, host: e.currentTarget.value })}
        placeholder={which === 'imap' ? 'imap.example.com' : 'smtp.example.com'}
        maxLength={255}
      />
      <NumberInput
        label={t('mail.settings.port')}
        required
        min={1}
        max={65535}
        value={value.port}
        onChange={(v) => set({ ...value, port: typeof v === 'number' ? v : Number(v) || 0 })}
      />
      <Switch
        mt={{ sm: 30 }}
        label={t('mail.settings.tls')}
        checked={value.tls}
        onChange={(e) => set({ ...value, tls: e.currentTarget.checked })}
      />
    </SimpleGrid>
  );

  const needsPassword = !mailbox;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={mailbox ? t('mail.settings.editTitle') : t('mail.settings.connectTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <SettingsErrorAlert error={save.error} title={t('mail.settings.saveFailed')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('mail.settings.email')}
              type="email"
              required
              data-autofocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              maxLength={320}
            />
            <TextInput
              label={t('mail.settings.name')}
              description={t('mail.settings.nameHint')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={255}
            />
          </SimpleGrid>
          {!mailbox && user.isAdmin && (
            <Checkbox
              label={t('mail.settings.personal')}
              description={t('mail.settings.personalHint')}
              checked={personal}
              onChange={(e) => setPersonal(e.currentTarget.checked)}
            />
          )}
          <Text fw={600}>{t('mail.settings.incoming')}</Text>
          {serverFields('imap', imap, setImap)}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('mail.settings.login')}
              required
              value={imap.user}
              onChange={(e) => setImap({ ...imap, user: e.currentTarget.value })}
              autoComplete="off"
              maxLength={320}
            />
            <PasswordInput
              label={t('mail.settings.password')}
              required={needsPassword}
              description={mailbox ? t('mail.settings.passwordKept') : undefined}
              value={imap.password}
              onChange={(e) => setImap({ ...imap, password: e.currentTarget.value })}
              autoComplete="new-password"
              maxLength={1000}
            />
            <TextInput
              label={t('mail.settings.folder')}
              value={folder}
              onChange={(e) => setFolder(e.currentTarget.value)}
              maxLength={255}
            />
          </SimpleGrid>
          <Text fw={600}>{t('mail.settings.outgoing')}</Text>
          {serverFields('smtp', smtp, setSmtp)}
          <Checkbox
            label={t('mail.settings.sameLogin')}
            checked={sameLogin}
            onChange={(e) => setSameLogin(e.currentTarget.checked)}
          />
          {!sameLogin && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('mail.settings.smtpLogin')}
                value={smtp.user}
                onChange={(e) => setSmtp({ ...smtp, user: e.currentTarget.value })}
                autoComplete="off"
                maxLength={320}
              />
              <PasswordInput
                label={t('mail.settings.smtpPassword')}
                value={smtp.password}
                onChange={(e) => setSmtp({ ...smtp, password: e.currentTarget.value })}
                autoComplete="new-password"
                maxLength={1000}
              />
            </SimpleGrid>
          )}
          <Text fz="xs" c="dimmed">
            {t('mail.settings.secretNote')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mailbox ? t('settings.save') : t('mail.settings.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
