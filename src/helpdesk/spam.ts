// Spam is answered with a decoy: the same success a person gets, with a plausible reference, while
// nothing is stored. A bot learns nothing from the answer it gets.
import { firstResponseDue } from "../lib/sla.ts";
import type { SupportData } from "../lib/support-data.ts";
import { ticketSchema } from "../lib/ticket.ts";
import { newReference } from "./reference.ts";
import { summarizeTicket, type TicketSummary } from "./ticket-summary.ts";
import { startedAtAgeMs } from "./time-trap.ts";

/** Why a submission looks automated: a filled honeypot, or a form sent back faster than a person types. */
export async function spamReason(
  input: Record<string, unknown>,
  options: { timeTrapSecret: string; minFillMs: number; now: Date },
): Promise<"honeypot" | "sent too fast" | null> {
  if (typeof input.website === "string" && input.website.trim() !== "") return "honeypot";
  const startedAt = typeof input.startedAt === "string" ? input.startedAt : undefined;
  const age = await startedAtAgeMs(startedAt, options.timeTrapSecret, options.now);
  return age !== null && age < options.minFillMs ? "sent too fast" : null;
}

/** A summary shaped like a real one, built from whatever the submission said, for a ticket that does not exist. */
export function decoySummary(input: Record<string, unknown>, data: SupportData, now: Date): TicketSummary {
  const parsed = ticketSchema.safeParse(input);
  const plan = data.plans.find((p) => parsed.success && p.id === parsed.data.plan) ?? data.plans[0]!;
  const priority = parsed.success ? parsed.data.priority : "Medium";
  const tier = data.tiers.find((t) => t.id === plan.tier);
  const due = firstResponseDue(now, tier?.firstResponse[priority] ?? null, data.businessHours);
  return summarizeTicket(
    { reference: newReference(), priority, plan: plan.id, firstResponseDueAt: due?.toISOString() ?? null },
    data,
  );
}
