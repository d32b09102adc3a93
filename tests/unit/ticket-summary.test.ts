import { describe, expect, test } from "vitest";
import type { TicketRecord } from "../../src/helpdesk/store/ticket-store.ts";
import { summarizeTicket, ticketLabels, ticketReceipt } from "../../src/helpdesk/ticket-summary.ts";
import { buildTicket } from "../../src/helpdesk/submission.ts";
import { loadSupportData, type SupportData } from "../../src/lib/support-data.ts";

const data = loadSupportData();
// Monday 14 July 2025, 10:00 in São Paulo.
const MONDAY_10_BRT = new Date("2025-07-14T13:00:00Z");

function storedTicket(plan = "enterprise-plus", priority: TicketRecord["priority"] = "High"): TicketRecord {
  return buildTicket({
    input: {
      name: "Ana Souza",
      email: "ana@example.com",
      subject: "Nobody can sign in",
      description: "Since 9:00 every sign-in fails.",
      priority,
      plan,
      productArea: "sign-in",
    },
    reference: "PX-7K4Q-2MZD",
    createdAt: MONDAY_10_BRT,
    idempotencyKey: null,
    attachments: [],
    data,
  });
}

/** The support data after someone edited content/: each change is applied to a copy. */
function edited(change: (copy: SupportData) => void): SupportData {
  const copy = structuredClone(data);
  change(copy);
  return copy;
}

describe("the ticket summary", () => {
  test("names every id from content/ and words the target the due time was computed from", () => {
    expect(summarizeTicket(storedTicket(), data)).toEqual({
      reference: "PX-7K4Q-2MZD",
      priority: "High",
      plan: { id: "enterprise-plus", name: "Enterprise with Support Plus" },
      productArea: { id: "sign-in", name: "Signing in and accounts" },
      department: { id: "paid-support", name: "Paid Support" },
      tier: { id: "plus", name: "Support Plus" },
      firstResponseDueAt: "2025-07-14T15:00:00.000Z",
      firstResponseTarget: "within 2 hours, around the clock",
      firstResponseDueText: "Monday 14 July 2025 at 12:00, Sao Paulo time (GMT-3)",
    });
  });

  test("an old ticket whose plan, tier, department and product area were removed from content/ shows their stored ids", () => {
    const ticket = storedTicket();
    const emptied = edited((copy) => {
      copy.plans = copy.plans.filter((p) => p.id !== ticket.plan);
      copy.tiers = copy.tiers.filter((t) => t.id !== ticket.tier);
      copy.departments = copy.departments.filter((d) => d.id !== ticket.department);
      copy.productAreas = copy.productAreas.filter((a) => a.id !== ticket.productArea);
    });
    const summary = summarizeTicket(ticket, emptied);
    expect(summary).toMatchObject({
      plan: { id: "enterprise-plus", name: "enterprise-plus" },
      productArea: { id: "sign-in", name: "sign-in" },
      department: { id: "paid-support", name: "paid-support" },
      tier: { id: "plus", name: "plus" },
      firstResponseTarget: "within 2 hours, around the clock",
      firstResponseDueAt: "2025-07-14T15:00:00.000Z",
    });
    expect(ticketLabels(ticket, emptied)).toMatchObject({ plan: "enterprise-plus", tier: "plus", department: "paid-support" });
  });

  test("a later change to the SLA data or to a plan's routing does not change what an old ticket says", () => {
    const ticket = storedTicket();
    const changed = edited((copy) => {
      copy.tiers.find((t) => t.id === "plus")!.firstResponse.High = { minutes: 480, clock: "business-hours" };
      copy.plans.find((p) => p.id === ticket.plan)!.department = "community";
    });
    const before = summarizeTicket(ticket, data);
    const after = summarizeTicket(ticket, changed);
    expect(after.firstResponseTarget).toBe(before.firstResponseTarget);
    expect(after.department).toEqual(before.department);
    expect(after.firstResponseDueText).toBe(before.firstResponseDueText);
  });

  test("a ticket stored before targets were kept uses its tier's target, or says so when the tier is gone", () => {
    const legacy = { ...storedTicket(), firstResponseTarget: null };
    expect(summarizeTicket(legacy, data).firstResponseTarget).toBe("within 2 hours, around the clock");
    const withoutTier = edited((copy) => {
      copy.tiers = copy.tiers.filter((t) => t.id !== "plus");
    });
    expect(summarizeTicket(legacy, withoutTier).firstResponseTarget).toBe("the target that applied when the ticket was sent");
    expect(summarizeTicket(legacy, withoutTier).firstResponseDueText).toBe("Monday 14 July 2025 at 12:00, Sao Paulo time (GMT-3)");
  });

  test("a plan without a commitment has no due time and says so", () => {
    const summary = summarizeTicket(storedTicket("community"), data);
    expect(summary).toMatchObject({ firstResponseDueAt: null, firstResponseDueText: null, firstResponseTarget: "no response-time commitment" });
  });

  test("the helpdesk's labels and the receipt say exactly what the summary says", () => {
    const ticket = storedTicket();
    const summary = summarizeTicket(ticket, data);
    const { plan, productArea, department, tier, firstResponseTarget, firstResponseDueText } = summary;
    const names = { plan: plan.name, productArea: productArea.name, department: department.name, tier: tier.name };
    expect(ticketLabels(ticket, data)).toEqual({ ...names, firstResponseTarget, firstResponseDueText });
    expect(ticketReceipt(ticket, data, false)).toEqual({ ...summary, confirmationEmail: false });
  });
});
