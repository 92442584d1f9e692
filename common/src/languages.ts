import { z } from 'zod';

/** The languages of the web app, of users and of accounts. */
export const languages = ['ru', 'en'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;
