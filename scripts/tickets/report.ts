// What `npm run tickets` prints: tables and one ticket in full, on the support team's clock.
// Every name comes from summarizeTicket(), like the thank-you page and the helpdesk's labels.
// Customers' text is printed without control characters, so a ticket cannot drive the terminal.
import type { ForwardEvent, StoredAlert, StoredTicket } from "../../src/helpdesk/store/ticket-store.ts";
import { redactCredentialShapes, type Redactor } from "../../src/lib/redact.ts";
import { summarizeTicket } from "../../src/helpdesk/ticket-summary.ts";
import type { SupportData } from "../../src/lib/support-data.ts";
import { formatFileSize } from "../../src/lib/ticket.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Text from a ticket with control characters (escape sequences, carriage returns) made visible as "?". */
export function printable(text: string, keepNewlines = false): string {
  const cleaned = text.replace(keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === "\t" ? " " : "?",
  );
  return keepNewlines ? cleaned : cleaned.trim();
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class TicketReport {
  readonly #data: SupportData;
  readonly #redact: Redactor;
  readonly #clock: Intl.DateTimeFormat;
  readonly zone: string;

  /** `redact` cleans forwarding errors, which versions before it were stored with secrets in them. */
  constructor(data: SupportData, redact: Redactor = redactCredentialShapes) {
    this.#data = data;
    this.#redact = redact;
    this.zone = data.businessHours.timeZone;
    this.#clock = new Intl.DateTimeFormat("sv-SE", {
      timeZone: this.zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  /** A forwarding error as it can be shown: no secrets, no control characters. */
  error(text: string): string {
    return printable(this.#redact(text));
  }

  /** "2025-07-14 19:30" on the support team's clock, which is how agents read due times. */
  time(iso: string | null): string {
    return iso ? this.#clock.format(new Date(iso)) : "-";
  }

  /** When a suspended ticket is removed unless released. */
  expiresAt(ticket: StoredTicket, keepDays: number): string | null {
    return ticket.suspension ? new Date(Date.parse(ticket.suspension.at) + keepDays * DAY_MS).toISOString() : null;
  }

  forwardState(ticket: StoredTicket): string {
    const { status, target, attempts, externalId, nextAttemptAt, sentAt } = ticket.forward;
    if (status === "sent") return `sent${target ? ` to ${target}` : ""}${externalId ? ` #${printable(externalId)}` : ""}${sentAt ? ` at ${this.time(sentAt)}` : ""}`;
    if (status === "suspended") return "suspended (not forwarded)";
    const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
    if (status === "pending") return attempts ? `pending (${tries}, next ${this.time(nextAttemptAt)})` : "pending";
    return `failed (${tries})`;
  }

  /** The due time, and whether the customer was answered: "2025-07-14 19:30, answered". */
  dueState(ticket: StoredTicket): string {
    const due = this.time(ticket.firstResponseDueAt);
    return ticket.firstResponse ? `${due}, answered` : due;
  }

  /** One ticket's alerts in a table cell: "new sent, warning failed". */
  alertSummary(alerts: readonly StoredAlert[]): string {
    return alerts.map((a) => `${a.kind} ${a.status === "skipped" ? "not sent" : a.status}`).join(", ");
  }

  /** One alert in full, for `show` and the list of failed alerts. */
  alertLine(alert: StoredAlert): string {
    const what = `${alert.kind} → ${alert.destination} (rule ${alert.rule})`;
    const tries = `${alert.attempts} attempt${alert.attempts === 1 ? "" : "s"}`;
    const error = alert.lastError ? this.error(alert.lastError) : "";
    switch (alert.status) {
      case "sent":
        return `${what}: sent ${this.time(alert.deliveredAt)}`;
      case "pending":
        return `${what}: waiting, next try ${this.time(alert.nextAttemptAt)}${alert.attempts ? ` (${tries}; last: ${error})` : ""}`;
      case "failed":
        return `${what}: failed after ${tries}: ${error}`;
      case "skipped":
        return `${what}: not sent: ${error}`;
    }
  }

  /** Whether the customer was answered, as the response-target watch knows it. */
  firstResponseState(ticket: StoredTicket): string {
    if (ticket.firstResponse) {
      const who = ticket.firstResponse.source === "staff" ? "recorded by staff" : `read back from ${ticket.firstResponse.source}`;
      return `answered ${this.time(ticket.firstResponse.at)} (${who})`;
    }
    return `not recorded yet; once answered: npm run tickets -- responded ${ticket.reference}`;
  }

  ticketTable(tickets: StoredTicket[], alerts: readonly StoredAlert[] = []): string[] {
    const names = tickets.map((t) => summarizeTicket(t, this.#data));
    return table(
      ["Reference", "Created", "Department", "Priority", "First response due", "Forwarding", "Chat alerts", "Last error"],
      tickets.map((t, i) => [
        t.reference,
        this.time(t.createdAt),
        names[i]!.department.name,
        t.priority,
        this.dueState(t),
        this.forwardState(t),
        this.alertSummary(alerts.filter((a) => a.reference === t.reference)),
        t.forward.lastError ? shorten(this.error(t.forward.lastError), 80) : "",
      ]),
    );
  }

  suspendedTable(tickets: StoredTicket[], keepDays: number): string[] {
    return table(
      ["Reference", "Received", "Removed after", "From", "Subject", "Why it was suspended"],
      tickets.map((t) => [
        t.reference,
        this.time(t.createdAt),
        this.time(this.expiresAt(t, keepDays)),
        shorten(printable(t.email), 40),
        shorten(printable(t.subject), 40),
        printable(t.suspension?.reason ?? ""),
      ]),
    );
  }

  historyLine(event: ForwardEvent): string {
    const when = this.time(event.at);
    const detail = event.detail ? this.error(event.detail) : "";
    switch (event.kind) {
      case "requeued":
        return `${when}  queued again by staff`;
      case "released":
        return `${when}  released from the suspended queue by staff`;
      case "sent":
        return `${when}  attempt ${event.attempt} to ${event.target}: sent${detail ? ` as #${detail}` : ""}`;
      case "retry":
        return `${when}  attempt ${event.attempt} to ${event.target}: not sent, will try again: ${detail}`;
      case "failed":
        return `${when}  attempt ${event.attempt} to ${event.target}: not sent, gave up: ${detail}`;
    }
  }

  /** One ticket in full, for `show`. */
  details(ticket: StoredTicket, history: ForwardEvent[], keepDays: number, alerts: readonly StoredAlert[] = []): string[] {
    const summary = summarizeTicket(ticket, this.#data);
    const named = (n: { id: string; name: string }) => (n.name === n.id ? n.id : `${n.name} (${n.id})`);
    const total = ticket.attachments.reduce((sum, a) => sum + a.size, 0);
    const status = ticket.suspension && ticket.forward.status === "suspended"
      ? [`suspended: ${printable(ticket.suspension.reason)}`, `removed after ${this.time(this.expiresAt(ticket, keepDays))} unless released`]
      : [this.forwardState(ticket), ...(ticket.suspension ? [`was suspended (${printable(ticket.suspension.reason)}); released ${this.time(ticket.suspension.releasedAt)}`] : [])];
    const rows: [string, string[]][] = [
      ["Status", status],
      ["Received", [this.time(ticket.createdAt)]],
      ["Requester", [`${printable(ticket.name)} <${printable(ticket.email)}>`]],
      ["Plan", [named(summary.plan)]],
      ["Support tier", [`${named(summary.tier)}: ${summary.firstResponseTarget}`]],
      ["Priority", [ticket.priority]],
      ["Department", [named(summary.department)]],
      ["Product area", [named(summary.productArea)]],
      ["Workspace", [ticket.workspaceUrl ? printable(ticket.workspaceUrl) : "-"]],
      ["Version", [ticket.version ? printable(ticket.version) : "-"]],
      ["First response due", [this.time(ticket.firstResponseDueAt)]],
      ["First response", [this.firstResponseState(ticket)]],
      [
        "Attachments",
        ticket.attachments.length
          ? [
              `${ticket.attachments.length} file${ticket.attachments.length === 1 ? "" : "s"}, ${formatFileSize(total)} in all`,
              ...table(["", "", ""], ticket.attachments.map((a) => [printable(a.name), printable(a.type), formatFileSize(a.size)])).slice(2),
            ]
          : ["none"],
      ],
      ["Forwarding", history.length ? history.map((e) => this.historyLine(e)) : ["no attempts yet"]],
      ["Chat alerts", alerts.length ? alerts.map((a) => this.alertLine(a)) : ["none (no rule in content/data/alerts.yaml asked for one yet)"]],
    ];
    const width = Math.max(...rows.map(([label]) => label.length)) + 2;
    const lines = [`${ticket.reference}  ${printable(ticket.subject)}`, ""];
    for (const [label, values] of rows) {
      values.forEach((value, index) => lines.push(`${(index ? "" : `${label}:`).padEnd(width)}${value}`.trimEnd()));
    }
    lines.push("", "Description:", ...printable(ticket.description, true).split("\n").map((line) => `  ${line}`.trimEnd()));
    return lines;
  }
}

/** Columns padded to their widest cell, a rule under the header. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
