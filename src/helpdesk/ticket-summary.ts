// What a customer is told about their ticket: the 201 JSON body and the thank-you page show the same facts.
import type { Priority } from "../lib/content-schemas.ts";
import { departmentForPlan } from "../lib/routing.ts";
import { formatDue } from "../lib/sla.ts";
import { describeTarget } from "../lib/support-text.ts";
import type { SupportData } from "../lib/support-data.ts";

export interface TicketSummary {
  reference: string;
  priority: Priority;
  plan: { id: string; name: string };
  department: { id: string; name: string };
  tier: { id: string; name: string };
  firstResponseDueAt: string | null;
  /** The promise in words: "within 1 business day", "within 2 hours, around the clock", "no response-time commitment". */
  firstResponseTarget: string;
  /** The due time in the support team's zone, or null when there is no commitment. */
  firstResponseDueText: string | null;
}

export interface SummaryFacts {
  reference: string;
  priority: Priority;
  plan: string;
  firstResponseDueAt: string | null;
}

export function summarizeTicket(ticket: SummaryFacts, data: SupportData): TicketSummary {
  const route = departmentForPlan(ticket.plan, data);
  const target = route.tier.firstResponse[ticket.priority] ?? null;
  return {
    reference: ticket.reference,
    priority: ticket.priority,
    plan: { id: route.plan.id, name: route.plan.name },
    department: { id: route.department.id, name: route.department.name },
    tier: { id: route.tier.id, name: route.tier.name },
    firstResponseDueAt: ticket.firstResponseDueAt,
    firstResponseTarget: describeTarget(target, data.businessHours),
    firstResponseDueText: ticket.firstResponseDueAt
      ? formatDue(new Date(ticket.firstResponseDueAt), data.businessHours.timeZone)
      : null,
  };
}
