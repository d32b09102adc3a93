// Slack incoming webhook (app webhooks, POST https://hooks.slack.com/services/…): Block Kit blocks
// with `text` as the fallback notifications use. The webhook posts to the channel chosen when it
// was installed; channel and identity overrides are legacy-only, so none are sent. Customer text
// goes in plain_text objects, where Slack renders neither links nor mentions. Limits: 50 blocks,
// 3,000 characters per section text, 10 fields of 2,000, 150 for a header.
import { escapeSlack, truncate } from "./customer-text.ts";
import type { AlertMessage } from "./message.ts";

export const SLACK_LIMITS = { blocks: 50, sectionText: 3_000, fields: 10, fieldText: 2_000, header: 150, contextElements: 10 } as const;

const plain = (text: string, max: number) => ({ type: "plain_text", text: truncate(text, max), emoji: false });

/** A mrkdwn link; the address is ours (the helpdesk's), but a | or > in it would end the link early. */
function link(url: string, label: string): string {
  return `<${url.replace(/[|<>]/g, encodeURIComponent)}|${escapeSlack(label)}>`;
}

export function slackPayload(message: AlertMessage) {
  const blocks: object[] = [
    { type: "header", text: plain(message.headline, SLACK_LIMITS.header) },
    { type: "section", text: plain(`${message.reference}: ${message.subject}`, SLACK_LIMITS.sectionText) },
    {
      type: "section",
      fields: message.facts.slice(0, SLACK_LIMITS.fields).map((fact) => ({
        type: "mrkdwn",
        text: truncate(`*${escapeSlack(fact.title)}*\n${escapeSlack(fact.value)}`, SLACK_LIMITS.fieldText),
      })),
    },
  ];
  if (message.description) blocks.push({ type: "section", text: plain(message.description, SLACK_LIMITS.sectionText) });
  if (message.attachmentNames) {
    blocks.push({ type: "section", text: plain(`Attachments: ${message.attachmentNames.join(", ")}`, SLACK_LIMITS.sectionText) });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: message.link ? link(message.link.url, message.link.label) : escapeSlack(message.hint ?? "") }],
  });
  return { text: escapeSlack(truncate(message.summary, SLACK_LIMITS.sectionText)), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
