import { webFormSchema, type WebFormInput } from '@voronka/common';
import { z } from 'zod';
import { apiRequest, noContent } from '../../app/api';
import { decodeWith } from '../../app/decode';

export const formsKey = ['web-forms'] as const;

export const fetchForms = async () =>
  (await apiRequest('GET', '/api/app/forms', decodeWith(z.object({ items: z.array(webFormSchema) })))).items;

export const saveForm = (id: number | null, input: WebFormInput) =>
  id === null
    ? apiRequest('POST', '/api/app/forms', decodeWith(webFormSchema), input)
    : apiRequest('PUT', `/api/app/forms/${id}`, decodeWith(webFormSchema), input);

export const deleteForm = (id: number) => apiRequest('DELETE', `/api/app/forms/${id}`, noContent);

/** A new form's starting point: name, phone and e-mail, a consent box, a thank-you text. */
export function blankForm(
  lang: 'ru' | 'en',
  t: (
    key:
      | 'forms.defaults.name'
      | 'forms.defaults.phone'
      | 'forms.defaults.email'
      | 'forms.defaults.consent'
      | 'forms.defaults.thanks'
      | 'forms.defaults.title',
  ) => string,
): WebFormInput {
  return {
    name: t('forms.defaults.title'),
    lang,
    pipeline_id: null,
    is_active: true,
    settings: {
      fields: [
        {
          key: 'name',
          label: t('forms.defaults.name'),
          type: 'text',
          target: 'contact_name',
          required: true,
          placeholder: '',
          options: [],
        },
        {
          key: 'phone',
          label: t('forms.defaults.phone'),
          type: 'phone',
          target: 'contact_phone',
          required: true,
          placeholder: '',
          options: [],
        },
        {
          key: 'email',
          label: t('forms.defaults.email'),
          type: 'email',
          target: 'contact_email',
          required: false,
          placeholder: '',
          options: [],
        },
      ],
      consent: { enabled: true, text: t('forms.defaults.consent') },
      submit_label: '',
      success: { mode: 'text', text: t('forms.defaults.thanks'), redirect_url: '' },
    },
  };
}
