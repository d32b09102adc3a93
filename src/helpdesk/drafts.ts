// What a ticket form posted without JavaScript keeps while it goes back for corrections: the fields
// a person typed and the errors to show next to them. All of it comes from whoever posted, so it is
// bounded: only the ticket's own fields, none longer than the schema accepts (from src/lib/ticket.ts),
// and messages of a bounded length. With the rate limit and the store's cap on how many drafts it
// keeps, drafts cannot fill the disk however large the posts are.
import { TICKET_FIELD_MAX_LENGTH, type TypedTicketField } from "../lib/ticket.ts";

/** Drafts kept at once; past this the ones that would expire first go first. */
export const DEFAULT_MAX_DRAFTS = 500;

/** Longer than any message the endpoint writes, short enough that a message can never be large. */
export const DRAFT_MESSAGE_MAX_LENGTH = 1_000;

const TYPED_FIELDS = Object.keys(TICKET_FIELD_MAX_LENGTH) as TypedTicketField[];

/** The first `max` UTF-16 units of `text`, without splitting a character made of two. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

export interface DraftContents {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/**
 * The values and errors to keep from a submission sent back with `errors`. A value longer than its
 * field allows keeps its beginning, and its error says so, so the person knows to check where it ends.
 */
export function draftContents(input: Record<string, unknown>, errors: Record<string, string>): DraftContents {
  const values: Record<string, string> = {};
  const kept: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    kept[field] = cut(message, DRAFT_MESSAGE_MAX_LENGTH);
  }
  for (const field of TYPED_FIELDS) {
    const value = input[field];
    if (typeof value !== "string") continue;
    const max = TICKET_FIELD_MAX_LENGTH[field];
    values[field] = cut(value, max);
    if (value.length > max) {
      const note = `Only the first ${max.toLocaleString("en")} characters were kept: check where it ends before you send it again`;
      kept[field] = kept[field] ? `${kept[field]}. ${note}` : note;
    }
  }
  return { values, errors: kept };
}
