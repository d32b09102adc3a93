// What anyone is told about a ticket: the 201 reply, the thank-you page (with and without
// JavaScript), the helpdesk's labels and the staff command all come from summarizeTicket(), over the
// ids and the target stored with the ticket. A plan, tier, department or product area removed from
// content/ later shows as its stored id; the target is the one the due time was computed from, so a
// later change to the SLA data cannot make an old ticket's page disagree with its due time.
// Browser-safe: the thank-you page's script imports the types.
import type { Priority } from "../lib/content-schemas.ts";
import { formatDue, type ResponseTarget } from "../lib/sla.ts";
import { describeTarget } from "../lib/support-text.ts";
import type { SupportData } from "../lib/support-data.ts";
import type { TicketLabels } from "./forwarders/forwarder.ts";
import type { TicketRecord } from "./store/ticket-store.ts";

export interface Named {
  id: string;
  /** The name in content/, or the id when content/ no longer has it. */
  name: string;
}

export interface TicketSummary {
  reference: string;
  priority: Priority;
  plan: Named;
  productArea: Named;
  department: Named;
  tier: Named;
  firstResponseDueAt: string | null;
  /** The promise in words: "within 1 business day", "within 2 hours, around the clock", "no response-time commitment". */
  firstResponseTarget: string;
  /** The due time in the support team's zone, or null when there is no commitment. */
  firstResponseDueText: string | null;
}

/** The 201 reply and the thank-you page: the summary plus whether the helpdesk emails a confirmation. */
export interface TicketReceipt extends TicketSummary {
  confirmationEmail: boolean;
}

export type SummaryFacts = Pick<
  TicketRecord,
  "reference" | "priority" | "plan" | "productArea" | "department" | "tier" | "firstResponseTarget" | "firstResponseDueAt"
>;

/** Said when a ticket stored before targets were kept names a tier content/ no longer has. */
const UNKNOWN_TARGET = "the target that applied when the ticket was sent";

function named(id: string, list: readonly { id: string; name: string }[]): Named {
  return { id, name: list.find((item) => item.id === id)?.name ?? id };
}

/** The stored target; for a ticket stored before targets were kept, its tier's current one, if any. */
function targetOf(ticket: SummaryFacts, data: SupportData): ResponseTarget | null | undefined {
  if (ticket.firstResponseTarget || !ticket.firstResponseDueAt) return ticket.firstResponseTarget;
  return data.tiers.find((t) => t.id === ticket.tier)?.firstResponse[ticket.priority] ?? undefined;
}

export function summarizeTicket(ticket: SummaryFacts, data: SupportData): TicketSummary {
  const target = targetOf(ticket, data);
  return {
    reference: ticket.reference,
    priority: ticket.priority,
    plan: named(ticket.plan, data.plans),
    productArea: named(ticket.productArea, data.productAreas),
    department: named(ticket.department, data.departments),
    tier: named(ticket.tier, data.tiers),
    firstResponseDueAt: ticket.firstResponseDueAt,
    firstResponseTarget: target === undefined ? UNKNOWN_TARGET : describeTarget(target, data.businessHours),
    firstResponseDueText: ticket.firstResponseDueAt
      ? formatDue(new Date(ticket.firstResponseDueAt), data.businessHours.timeZone)
      : null,
  };
}

export function ticketReceipt(ticket: SummaryFacts, data: SupportData, confirmationEmail: boolean): TicketReceipt {
  return { ...summarizeTicket(ticket, data), confirmationEmail };
}

/** The names a forwarder writes into the helpdesk's ticket, from the same summary. */
export function ticketLabels(ticket: SummaryFacts, data: SupportData): TicketLabels {
  const summary = summarizeTicket(ticket, data);
  return {
    plan: summary.plan.name,
    productArea: summary.productArea.name,
    department: summary.department.name,
    tier: summary.tier.name,
    firstResponseTarget: summary.firstResponseTarget,
    firstResponseDueText: summary.firstResponseDueText,
  };
}
