// Spam rules. A submission a rule flags is not dropped: the endpoint stores it as a suspended ticket
// (never forwarded) and answers exactly as it answers a person, so a bot learns nothing, while a
// person the rules mistook for a bot is one `npm run tickets -- release <reference>` away from the
// helpdesk. The reason is written for the staff who decide.
import { startedAtAgeMs } from "./time-trap.ts";

export interface SpamVerdict {
  rule: "honeypot" | "time trap";
  /** What the rule saw, in words for staff. */
  reason: string;
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** Why a submission looks automated (a filled honeypot, or a form sent back faster than a person types), or null. */
export async function spamVerdict(
  input: Record<string, unknown>,
  options: { timeTrapSecret: string; minFillMs: number; now: Date },
): Promise<SpamVerdict | null> {
  if (typeof input.website === "string" && input.website.trim() !== "") {
    return { rule: "honeypot", reason: "honeypot: the hidden website field, which people never see, was filled in" };
  }
  const startedAt = typeof input.startedAt === "string" ? input.startedAt : undefined;
  const age = await startedAtAgeMs(startedAt, options.timeTrapSecret, options.now);
  if (age !== null && age < options.minFillMs) {
    return {
      rule: "time trap",
      reason: `time trap: sent ${seconds(age)} after the form was opened; the minimum is ${seconds(options.minFillMs)}`,
    };
  }
  return null;
}
