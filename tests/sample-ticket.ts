// One customer's ticket as the tests send it and as the stores keep it, and the hours its due time
// is computed from, written once: a test changes only the fields it is about.
import type { TicketRecord } from "../src/helpdesk/store/ticket-store.ts";
import type { BusinessHours } from "../src/lib/content-schemas.ts";

/** The support team's hours that the due times in these tests are computed from. */
export const SAO_PAULO_HOURS: BusinessHours = {
  timeZone: "America/Sao_Paulo",
  days: ["mon", "tue", "wed", "thu", "fri"],
  open: "08:00",
  close: "20:00",
  holidays: [],
};

/** What the ticket form sends for Ana, an Enterprise customer who cannot sign in. */
export const SAMPLE_TICKET = {
  name: "Ana Souza",
  email: "ana@example.com",
  subject: "Nobody can sign in",
  description: "Since 9:00 every sign-in fails with a blank page.",
  priority: "Medium",
  plan: "enterprise",
  productArea: "sign-in",
};

/** Ana's ticket as a store keeps it: High, Enterprise (Standard Support, Paid Support), no files. */
export function sampleRecord(reference: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    reference,
    createdAt: "2025-07-14T13:00:00.000Z",
    channel: "Web",
    name: SAMPLE_TICKET.name,
    email: SAMPLE_TICKET.email,
    subject: SAMPLE_TICKET.subject,
    description: "Since 9:00 every sign-in fails.",
    priority: "High",
    plan: "enterprise",
    productArea: "sign-in",
    workspaceUrl: null,
    version: null,
    department: "paid-support",
    tier: "standard",
    firstResponseTarget: null,
    firstResponseDueAt: null,
    idempotencyKey: null,
    attachments: [],
    ...overrides,
  };
}

/** When the stored sample ticket was received: Monday 14 July 2025 at 13:00 UTC. */
export const RECEIVED_AT = new Date("2025-07-14T13:00:00Z");

/** Ana's ticket as the store tests keep it: with her workspace address and a business-day target. */
export function ticketRecord(reference: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return sampleRecord(reference, {
    workspaceUrl: "https://chat.example.com",
    firstResponseTarget: { minutes: 720, clock: "business-hours" },
    firstResponseDueAt: "2025-07-15T13:00:00.000Z",
    ...overrides,
  });
}

/**
 * The endpoint's answer for Ana's ticket sent on Monday 14 July 2025 at 10:00 in São Paulo: 10
 * business hours left on Monday, the other 2 on Tuesday from 08:00.
 */
export const ENTERPRISE_RECEIPT = {
  reference: "PX-7K4Q-2MZD",
  priority: "High",
  plan: { id: "enterprise", name: "Enterprise" },
  productArea: { id: "sign-in", name: "Signing in and accounts" },
  department: { id: "paid-support", name: "Paid Support" },
  tier: { id: "standard", name: "Standard Support" },
  firstResponseDueAt: "2025-07-15T13:00:00.000Z",
  firstResponseTarget: "within 1 business day",
  firstResponseDueText: "Tuesday 15 July 2025 at 10:00, Sao Paulo time (GMT-3)",
  confirmationEmail: true,
} as const;

/** The ticket endpoint's settings where a test is not about them: no spam timing, five tickets a minute. */
export const PLAIN_HANDLER_CONFIG = {
  allowedOrigins: [] as string[],
  maxBodyBytes: 64 * 1024,
  minFillMs: 0,
  rateLimit: { max: 5, windowMs: 60_000 },
  thanksPath: "/tickets/thanks/",
  formPath: "/tickets/new/",
  timeTrapSecret: "test-time-trap-secret",
};
