// Rocket.Chat incoming webhook (POST /hooks/<id>/<token>): `text` plus message attachments with a
// title, title_link, colour and fields, as chat.postMessage takes them. `channel` overrides the
// webhook's room only when the integration allows it ("overriding destination channel" is off by
// default, and the server answers 400 then). Messages over 5,000 characters are refused.
import type { AlertDestination } from "../../lib/content-schemas.ts";
import { codeBlock, truncate } from "./customer-text.ts";
import type { AlertMessage } from "./message.ts";

export const ROCKETCHAT_MAX_TEXT = 5_000;

/** The attachment's text: the description (as typed, in a code block), file names and where to find the ticket. */
export function detailText(message: AlertMessage, maxDescription: number): string {
  return [
    message.description ? codeBlock(truncate(message.description, maxDescription)) : null,
    message.attachmentNames ? `Attachments: ${message.attachmentNames.join(", ")}` : null,
    message.hint,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");
}

export function rocketChatPayload(message: AlertMessage, destination: Pick<AlertDestination, "channel">) {
  // Text and attachment text share the server's limit, with room left for the fields.
  const text = truncate(message.summary, 1_000);
  return {
    text,
    ...(destination.channel ? { channel: destination.channel } : {}),
    attachments: [
      {
        title: `${message.reference}: ${message.subject}`,
        ...(message.link ? { title_link: message.link.url } : {}),
        color: message.color,
        text: detailText(message, ROCKETCHAT_MAX_TEXT - 2_000),
        fields: message.facts.map(({ title, value, short }) => ({ title, value, short })),
      },
    ],
  };
}
