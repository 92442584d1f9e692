export * from './session.ts';
export * from './languages.ts';
