// A ticket as the endpoint would build it, for store tests: Ana's sign-in problem, received on
// Monday 14 July 2025 at 13:00 UTC, due a day later. Tests change only what they are about.
import type { TicketRecord } from "../src/helpdesk/store/ticket-store.ts";

export const RECEIVED_AT = new Date("2025-07-14T13:00:00Z");

export function ticketRecord(reference: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    reference,
    createdAt: RECEIVED_AT.toISOString(),
    channel: "Web",
    name: "Ana Souza",
    email: "ana@example.com",
    subject: "Nobody can sign in",
    description: "Since 9:00 every sign-in fails.",
    priority: "High",
    plan: "enterprise",
    productArea: "sign-in",
    workspaceUrl: "https://chat.example.com",
    version: null,
    department: "paid-support",
    tier: "standard",
    firstResponseTarget: { minutes: 720, clock: "business-hours" },
    firstResponseDueAt: "2025-07-15T13:00:00.000Z",
    idempotencyKey: null,
    attachments: [],
    ...overrides,
  };
}
