export * from './events.ts';
export * from './languages.ts';
export * from './session.ts';
export * from './deals.ts';
export * from './ordering.ts';
export * from './custom-fields.ts';
export * from './tasks.ts';
export * from './timeline.ts';
export * from './webhooks.ts';
<<<<<<< HEAD
export * from './rights.ts';
=======
export * from './notifications.ts';
>>>>>>> main
