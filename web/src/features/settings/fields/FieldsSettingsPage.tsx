import type { CrmEntityType } from '@voronka/common';
import { SegmentedControl, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SectionPage } from '../../../ui/SectionPage';
import { AdminOnly } from '../AdminOnly';
import { FieldsEditor } from './FieldsEditor';

const entities: readonly CrmEntityType[] = ['leads', 'contacts', 'companies'];

/** Settings -> Fields: the custom fields and groups of deals, contacts and companies. */
export function FieldsSettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const entity = entities.find((e) => e === params.get('entity')) ?? 'leads';
  return (
    <SectionPage title={t('settingsFields.title')} back={{ to: '/settings', label: t('nav.settings') }}>
      <AdminOnly>
        <Stack gap="lg" maw={960}>
          <SegmentedControl
            w="fit-content"
            value={entity}
            onChange={(value) => setParams({ entity: value }, { replace: true })}
            data={entities.map((value) => ({ value, label: t(`settingsFields.entities.${value}`) }))}
            aria-label={t('settingsFields.entity')}
          />
          <FieldsEditor key={entity} entity={entity} />
        </Stack>
      </AdminOnly>
    </SectionPage>
  );
}
