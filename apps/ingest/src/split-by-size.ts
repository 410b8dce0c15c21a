import type { OutgoingMessage } from '@lambda/kafka';

/** Bytes a message adds to a produce request, near enough for staying under a size limit. */
export function messageBytes({ key, value, headers = {} }: OutgoingMessage): number {
  let bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, headerValue] of Object.entries(headers))
    bytes += name.length + Buffer.byteLength(headerValue);
  return bytes;
}

/** Consecutive runs of messages of at most `maxBytes` each (a larger message stays alone). */
export function splitBySize(
  messages: readonly OutgoingMessage[],
  maxBytes: number,
): { messages: OutgoingMessage[]; bytes: number }[] {
  const parts: { messages: OutgoingMessage[]; bytes: number }[] = [];
  let part = { messages: [] as OutgoingMessage[], bytes: 0 };
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (part.messages.length > 0 && part.bytes + bytes > maxBytes) {
      parts.push(part);
      part = { messages: [], bytes: 0 };
    }
    part.messages.push(message);
    part.bytes += bytes;
  }
  if (part.messages.length > 0) parts.push(part);
  return parts;
}
