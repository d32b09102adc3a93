// Mattermost incoming webhook (POST /hooks/<id>): its Slack-compatible payload, `text` (Markdown)
// plus message attachments with fallback, colour, title, title_link, text and fields. `channel`
// (a channel name, or @username) posts elsewhere than the webhook's default channel.
import type { AlertDestination } from "../../lib/content-schemas.ts";
import { truncate } from "./customer-text.ts";
import type { AlertMessage } from "./message.ts";
import { detailText } from "./rocketchat.ts";

export function mattermostPayload(message: AlertMessage, destination: Pick<AlertDestination, "channel">) {
  return {
    text: truncate(message.summary, 4_000),
    // Mattermost takes a channel by name: "#support-team" and "support-team" both mean the channel.
    ...(destination.channel ? { channel: destination.channel.replace(/^#/, "") } : {}),
    attachments: [
      {
        fallback: truncate(message.summary, 4_000),
        color: message.color,
        title: `${message.reference}: ${message.subject}`,
        ...(message.link ? { title_link: message.link.url } : {}),
        text: detailText(message, 4_000),
        fields: message.facts.map(({ title, value, short }) => ({ title, value, short })),
      },
    ],
  };
}
