import type { Ctx } from '../context.ts';

/**
 * A messenger channel (Telegram, ...): the digital pipeline's "send messenger message" action and
 * the manager's reply from the deal card both send through it; incoming messages arrive through the
 * channel's own webhook or poller. Implementations register themselves in the registry below.
 */
export type OutgoingMessage = {
  /** The deal the conversation belongs to, when known. */
  dealId: number | null;
  contactId: number;
  text: string;
};

export type SentMessage = { externalId: string | null };

export type MessengerChannel = {
  /** Stable id stored with conversations, e.g. `telegram`, `log`. */
  kind: string;
  /** Whether the contact can be reached by this channel in this account (e.g. has a chat). */
  canReach(ctx: Ctx, contactId: number): Promise<boolean>;
  /** Sends; throws on a transient failure so a job retries it. */
  send(ctx: Ctx, message: OutgoingMessage): Promise<SentMessage>;
};

const channels = new Map<string, MessengerChannel>();

export function registerChannel(channel: MessengerChannel): void {
  channels.set(channel.kind, channel);
}

export function channelOf(kind: string): MessengerChannel | undefined {
  return channels.get(kind);
}

/** The first registered channel (other than the logging one) that reaches the contact. */
export async function reachableChannel(ctx: Ctx, contactId: number): Promise<MessengerChannel | undefined> {
  const ordered = [...channels.values()].sort((a, b) => Number(a.kind === 'log') - Number(b.kind === 'log'));
  for (const channel of ordered) {
    if (await channel.canReach(ctx, contactId)) return channel;
  }
  return undefined;
}
