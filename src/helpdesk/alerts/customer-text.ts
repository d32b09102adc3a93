// Text a customer typed, made safe to show in a team channel. Everyone in the channel sees an alert,
// so customer text must not ping the channel (@here, <!channel>), ping a person, or turn into
// markup: a link that looks like ours, or an image that loads from the sender's server when the
// alert is read. Each chat format escapes what its own markup needs on top of this.

/** Channel-wide mentions in every product's plain-text syntax: removed, the word stays. */
const GROUP_MENTION = /(^|[^\w@])@(channel|here|all|everyone)\b/gi;
/** Slack-style special mentions (<!channel>, <!subteam^…>, <@U123>), also understood by Mattermost. */
const SPECIAL_MENTION = /<[!@][^>]*>/g;
/** A personal mention: "@" starting a word. Email addresses (a@b) are left alone. */
const PERSON_MENTION = /(^|[^\w@])@(?=[\w.-])/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069]/g;

/**
 * Removes mention triggers: "@here" becomes "here", "<!channel>" disappears, and "@ana" gets a zero-width
 * space after the "@" so it reads the same but pings nobody. Control and direction-changing characters go.
 */
export function defuseMentions(text: string): string {
  return text
    .replace(CONTROL, "")
    .replace(SPECIAL_MENTION, "")
    .replace(GROUP_MENTION, "$1$2")
    .replace(PERSON_MENTION, "$1@\u200b");
}

/** Shortens to at most `max` characters, ending with "…" when cut, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A fenced code block (Rocket.Chat, Mattermost): shown exactly as typed, with no links, images,
 * headings or mentions, whichever Markdown dialect the server speaks. A fence inside the text is broken up.
 */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/`{3,}/g, (fence) => fence.split("").join("\u200b"))}\n\`\`\``;
}

/** Slack's mrkdwn has no escape character: only &, < and > must be written as entities, and they stop links and mentions. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
