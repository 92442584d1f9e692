import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { sessionKey, setupStatusKey } from '../../app/query-client';
import { logOut } from './session';

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: logOut,
    onSuccess: async () => {
      // Drop everything the previous user could see; keep only what the login page needs.
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== sessionKey[0] && query.queryKey[0] !== setupStatusKey[0],
      });
      queryClient.setQueryData(sessionKey, null);
      await navigate('/login', { replace: true });
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: t('userMenu.logoutFailed'), message: error.message });
    },
  });
}
