// Turns a validated submission into a ticket: checks the plan and product area against content/,
// routes it, and works out when the first reply is due.
import { departmentForPlan } from "../lib/routing.ts";
import { firstResponseDue } from "../lib/sla.ts";
import type { SupportData } from "../lib/support-data.ts";
import type { TicketInput } from "../lib/ticket.ts";
import type { AttachmentData, TicketRecord } from "./store/ticket-store.ts";

/** Field errors for choices that must exist in the content data. */
export function checkTicketChoices(input: Pick<TicketInput, "plan" | "productArea">, data: SupportData): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!data.plans.some((p) => p.id === input.plan)) {
    errors.plan = `Choose one of the plans in the list: ${data.plans.map((p) => p.name).join(", ")}`;
  }
  if (!data.productAreas.some((a) => a.id === input.productArea)) {
    errors.productArea = `Choose one of the product areas in the list: ${data.productAreas.map((a) => a.name).join(", ")}`;
  }
  return errors;
}

export function buildTicket(options: {
  input: TicketInput;
  reference: string;
  createdAt: Date;
  idempotencyKey: string | null;
  attachments: readonly AttachmentData[];
  data: SupportData;
}): TicketRecord {
  const { input, data } = options;
  const route = departmentForPlan(input.plan, data);
  const target = route.tier.firstResponse[input.priority] ?? null;
  const due = firstResponseDue(options.createdAt, target, data.businessHours);
  return {
    reference: options.reference,
    createdAt: options.createdAt.toISOString(),
    channel: "Web",
    name: input.name,
    email: input.email,
    subject: input.subject,
    description: input.description,
    priority: input.priority,
    plan: route.plan.id,
    productArea: input.productArea,
    workspaceUrl: input.workspaceUrl ?? null,
    version: input.version ?? null,
    department: route.department.id,
    tier: route.tier.id,
    firstResponseTarget: target ? { minutes: target.minutes, clock: target.clock } : null,
    firstResponseDueAt: due ? due.toISOString() : null,
    idempotencyKey: options.idempotencyKey,
    attachments: options.attachments.map(({ name, type, size }) => ({ name, type, size })),
  };
}

async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A fingerprint of what the ticket says, for idempotency: the validated fields (not the anti-abuse
 * ones, which change between a first try and a retry) and the attachments' names and contents.
 */
export async function submissionHash(input: TicketInput, attachments: readonly AttachmentData[]): Promise<string> {
  const fields = {
    name: input.name,
    email: input.email,
    subject: input.subject,
    description: input.description,
    priority: input.priority,
    plan: input.plan,
    productArea: input.productArea,
    workspaceUrl: input.workspaceUrl ?? null,
    version: input.version ?? null,
    attachments: await Promise.all(
      attachments.map(async (a) => ({ name: a.name, type: a.type, size: a.size, sha256: await sha256Hex(a.bytes) })),
    ),
  };
  return sha256Hex(JSON.stringify(fields));
}
