import { createNotes } from '../notes/create-notes.ts';
import { registerChannel, type MessengerChannel } from './channel.ts';

/**
 * The fallback channel: reaches every contact and "sends" by writing the message into the deal's
 * feed (or the contact's), so a digital pipeline with messenger steps can be set up and tested
 * before a real messenger is connected. Real channels are always preferred to it.
 */
export const logChannel: MessengerChannel = {
  kind: 'log',
  canReach: () => Promise.resolve(true),
  async send(ctx, message) {
    const [note] = await createNotes(ctx, message.dealId ? 'leads' : 'contacts', [
      {
        requestId: '0',
        entity_id: message.dealId ?? message.contactId,
        note_type: 'service_message',
        params: {
          service: ctx.account.locale === 'en' ? 'Message (log channel)' : 'Сообщение (журнал)',
          text: message.text,
        },
      },
    ]);
    return { externalId: note ? `note:${note.id}` : null };
  },
};

export const registerLogChannel = (): void => registerChannel(logChannel);
