/**
 * Custom field vocabulary shared by the server and the web app. Entity types are the amoCRM
 * names (`leads` are deals), as stored in every `entity_type` column.
 */
export const crmEntityTypes = ['leads', 'contacts', 'companies'] as const;
export type CrmEntityType = (typeof crmEntityTypes)[number];

export const customFieldTypes = [
  'text',
  'textarea',
  'numeric',
  'monetary',
  'checkbox',
  'select',
  'multiselect',
  'radiobutton',
  'date',
  'date_time',
  'birthday',
  'url',
  'multitext',
  'streetaddress',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** Types whose values pick from the field's enums (multitext uses them as the value's kind). */
export const enumFieldTypes: readonly CustomFieldType[] = [
  'select',
  'multiselect',
  'radiobutton',
  'multitext',
];
/** Types that hold several values; every other type holds at most one. */
export const multiValueFieldTypes: readonly CustomFieldType[] = ['multiselect', 'multitext'];

/** The kinds of the predefined PHONE and EMAIL fields, as amoCRM names them. */
export const phoneEnumCodes = ['WORK', 'WORKDD', 'MOB', 'FAX', 'HOME', 'OTHER'] as const;
export const emailEnumCodes = ['WORK', 'PRIV', 'OTHER'] as const;
