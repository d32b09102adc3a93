// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"): a
// message whose one attachment is an Adaptive Card. Customer text goes in TextRuns, which Teams shows
// as typed (TextBlocks would read Markdown); the link is an Action.OpenUrl. A card over about 28 KB
// is refused, so a long description is shortened until the whole message fits.
import { truncate } from "./customer-text.ts";
import type { AlertMessage } from "./message.ts";

export const TEAMS_MAX_BYTES = 28 * 1024;
const HEADROOM_BYTES = 1024;

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

const textRun = (text: string) => ({ type: "RichTextBlock", inlines: [{ type: "TextRun", text }] });

function card(message: AlertMessage, description: string | null) {
  const body: object[] = [
    {
      type: "TextBlock",
      text: message.headline,
      weight: "Bolder",
      size: "Medium",
      wrap: true,
      color: message.kind === "new" && message.priority !== "High" ? "Default" : message.kind === "warning" ? "Warning" : "Attention",
    },
    textRun(`${message.reference}: ${message.subject}`),
    { type: "FactSet", facts: message.facts.map(({ title, value }) => ({ title, value })) },
  ];
  if (description) body.push(textRun(description));
  if (message.attachmentNames) body.push(textRun(`Attachments: ${message.attachmentNames.join(", ")}`));
  if (message.hint) body.push({ type: "TextBlock", text: message.hint, wrap: true, isSubtle: true, size: "Small" });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.2",
          fallbackText: message.summary,
          body,
          actions: message.link ? [{ type: "Action.OpenUrl", title: message.link.label, url: message.link.url }] : [],
        },
      },
    ],
  };
}

export function teamsPayload(message: AlertMessage) {
  let description = message.description;
  let payload = card(message, description);
  const limit = TEAMS_MAX_BYTES - HEADROOM_BYTES;
  while (byteLength(payload) > limit && description) {
    description = description.length > 200 ? truncate(description, Math.floor(description.length * 0.7)) : null;
    payload = card(message, description);
  }
  return payload;
}
