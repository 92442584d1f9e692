import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyLanguage, currentLanguage, type Language } from '../../app/i18n';
import { updateProfile } from './session';
import { useAdoptSession } from './useSession';

/** Switches the UI at once and saves the choice to the user's profile; rolls back if saving fails. */
export function useLanguageSwitch() {
  const adoptSession = useAdoptSession();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (lang: Language) => updateProfile({ lang }),
    onMutate: async (lang) => {
      const previous = currentLanguage();
      await applyLanguage(lang);
      return { previous };
    },
    onSuccess: adoptSession,
    onError: async (error, _lang, context) => {
      if (context) await applyLanguage(context.previous);
      notifications.show({ color: 'red', title: t('userMenu.languageFailed'), message: error.message });
    },
  });
}
