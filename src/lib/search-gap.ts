// The search-gap report: searches that found nothing, and searches readers followed by opening a
// ticket, counted per day so support staff can add the synonyms and articles readers are missing.
// Only the searched words are kept, made anonymous: an email address or a long number a reader
// typed is replaced before anything is stored.
import { z } from "zod";

export const SEARCH_GAP_OUTCOMES = ["no-results", "ticket"] as const;
export type SearchGapOutcome = (typeof SEARCH_GAP_OUTCOMES)[number];

export const SEARCH_GAP_PATH = "/api/search-gaps";
/** Longer than any real search; anything longer is not a search. */
export const SEARCH_GAP_MAX_LENGTH = 200;

export const searchGapSchema = z.object({
  query: z.string().trim().min(2, { error: "Send the searched words" }).max(SEARCH_GAP_MAX_LENGTH, { error: "That is longer than a search" }),
  outcome: z.enum(SEARCH_GAP_OUTCOMES, { error: `outcome must be one of: ${SEARCH_GAP_OUTCOMES.join(", ")}` }),
});
export type SearchGap = z.output<typeof searchGapSchema>;

/**
 * One form per search, so "Reset Password?" and "reset password" count together: lower case,
 * single spaces, no surrounding punctuation. Email addresses, links and runs of five or more digits
 * (phone, order and card numbers) are replaced by a placeholder, so nothing that identifies
 * someone is stored even when a reader typed it into the search box.
 */
export function normaliseSearchGap(query: string): string {
  return query
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\S+@\S+/g, "[email]")
    .replace(/\bhttps?:\/\/\S+/g, "[link]")
    .replace(/\d[\d\s().-]{3,}\d/g, (digits) => (digits.replace(/\D/g, "").length >= 5 ? "[number]" : digits))
    .replace(/\s+/g, " ")
    .replace(/^[^\p{L}\p{N}[]+|[^\p{L}\p{N}\]]+$/gu, "")
    .trim();
}

/** A calendar day in UTC, as stored: 2026-12-03. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface SearchGapConfig {
  enabled: boolean;
  /** Different searches kept per day; past this, new ones are not stored (known ones still count). */
  maxQueriesPerDay: number;
  /** Reports accepted from one address per window. */
  rateLimit: { max: number; windowMs: number };
  /** Days of counts kept. */
  keepDays: number;
}

export const SEARCH_GAP_ENV = "SEARCH_GAP_REPORT";

/** Whether the report is on: it is unless SEARCH_GAP_REPORT is "off" (or "false", "0", "no"). */
export function searchGapReportEnabled(env: Record<string, string | undefined>): boolean {
  const value = env[SEARCH_GAP_ENV]?.trim().toLowerCase();
  return !value || !["off", "false", "0", "no"].includes(value);
}

export function searchGapConfig(env: Record<string, string | undefined>): SearchGapConfig {
  return {
    enabled: searchGapReportEnabled(env),
    maxQueriesPerDay: 1_000,
    rateLimit: { max: 30, windowMs: 60 * 60 * 1000 },
    keepDays: 400,
  };
}

/** The endpoint the built pages send reports to, or undefined when the report is off. */
export function searchGapEndpoint(env: Record<string, string | undefined>): string | undefined {
  return searchGapReportEnabled(env) ? SEARCH_GAP_PATH : undefined;
}
