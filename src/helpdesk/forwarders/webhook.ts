// Posts each ticket as JSON to a URL you run, signed so the receiver can check it came from us:
// X-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with WEBHOOK_SECRET>.
import type { Forwarder, OutgoingTicket } from "./forwarder.ts";
import { callLimits, contextLines } from "./forwarder.ts";
import { basicAuth, vendorJson, vendorRequest } from "./vendor-request.ts";

export interface WebhookSettings {
  url: string;
  secret: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function webhookSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function webhookPayload({ ticket, labels, attachments }: OutgoingTicket) {
  // Forwarding state and a past suspension are the portal's own bookkeeping, not the ticket.
  const { forward: _forward, suspension: _suspension, ...fields } = ticket;
  return {
    event: "ticket.created",
    ticket: fields,
    labels,
    context: contextLines({ ticket, labels }),
    attachments: attachments.map((a) => ({ name: a.name, type: a.type, size: a.size, contentBase64: toBase64(a.bytes) })),
  };
}

/**
 * fetch refuses a URL with a user name or password in it, so they are taken out and sent as
 * HTTP Basic authentication, as curl does with the same URL.
 */
export function webhookTarget(configured: string): { url: string; authorization: string | null } {
  const url = new URL(configured);
  if (!url.username && !url.password) return { url: configured, authorization: null };
  const authorization = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
  url.username = "";
  url.password = "";
  return { url: url.href, authorization };
}

export function createWebhookForwarder(settings: WebhookSettings): Forwarder {
  return {
    name: "webhook",
    async forward(outgoing) {
      const body = JSON.stringify(webhookPayload(outgoing));
      const target = webhookTarget(settings.url);
      const response = await vendorRequest(`the webhook at ${new URL(target.url).host}`, target.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": outgoing.idempotencyKey,
          "X-Signature": await webhookSignature(settings.secret, body),
          ...(target.authorization ? { Authorization: target.authorization } : {}),
        },
        body,
        ...callLimits(outgoing),
      });
      // The receiver may answer with its id for the ticket and the address of the ticket's page.
      const answer = await vendorJson<{ id?: string | number; url?: string }>(response);
      return {
        externalId: answer?.id === undefined ? null : String(answer.id),
        externalUrl: typeof answer?.url === "string" && /^https?:\/\//.test(answer.url) ? answer.url : null,
      };
    },
  };
}
