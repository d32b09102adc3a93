// Sends the ticket with fetch. A lost connection or a server error is retried with the same
// idempotency key, so the helpdesk gets the ticket exactly once however many times it is sent;
// offline, the ticket waits for the connection to come back.
import type { TicketReceipt } from "../helpdesk/ticket-summary.ts";
import { isRetryableStatus, retryDelay } from "../lib/retry.ts";

export type SubmitOutcome =
  | { kind: "accepted"; body: TicketAccepted }
  | { kind: "invalid"; errors: Record<string, string>; message: string }
  | { kind: "rejected"; status: number; message: string };

/** What the endpoint answers for an accepted ticket (the same receipt the thank-you page shows). */
export type TicketAccepted = TicketReceipt;

export interface SubmitCallbacks {
  /** Called before each wait: the reader is told what is happening. */
  onWaiting(reason: "offline" | "retrying", seconds: number): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForOnline(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("online", () => resolve(), { once: true }));
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Posts until the server gives a definite answer; network failures never give up while offline. */
export async function submitTicket(url: string, body: FormData, key: string, callbacks: SubmitCallbacks): Promise<SubmitOutcome> {
  let attempt = 0;
  for (;;) {
    if (!navigator.onLine) {
      callbacks.onWaiting("offline", 0);
      await waitForOnline();
    }
    let response: Response | undefined;
    try {
      response = await fetch(url, {
        method: "POST",
        body,
        headers: { Accept: "application/json", "Idempotency-Key": key },
        credentials: "same-origin",
      });
    } catch {
      response = undefined;
    }
    if (response && !isRetryableStatus(response.status)) {
      const json = await readJson(response);
      const message = typeof json.message === "string" ? json.message : `The server answered ${response.status}.`;
      if (response.status === 201 || response.ok) return { kind: "accepted", body: json as unknown as TicketAccepted };
      if (response.status === 422) return { kind: "invalid", errors: (json.errors as Record<string, string>) ?? {}, message };
      return { kind: "rejected", status: response.status, message };
    }
    attempt += 1;
    const retryAfter = Number(response?.headers.get("Retry-After") ?? "");
    const delay = retryDelay(Math.min(attempt, 5), retryAfter || null) ?? 15_000;
    callbacks.onWaiting(navigator.onLine ? "retrying" : "offline", Math.round(delay / 1000));
    await sleep(delay);
  }
}
