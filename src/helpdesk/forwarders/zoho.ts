// Zoho Desk REST API. A long-lived refresh token buys hour-long access tokens (cached until shortly
// before they expire); every call carries `orgId` and `Authorization: Zoho-oauthtoken …`. Files are
// uploaded first (/api/v1/uploads) and their ids listed on the ticket.
import {
  callLimits,
  ForwardError,
  htmlDescription,
  type FirstResponseReading,
  type Forwarder,
  type OutgoingTicket,
} from "./forwarder.ts";
import { joinUrl, vendorJson, vendorRequest, type VendorCallInit } from "./vendor-request.ts";

export interface ZohoSettings {
  /** https://desk.zoho.<dc>, or a test server. */
  apiBaseUrl: string;
  /** https://accounts.zoho.<dc>, or a test server. */
  accountsBaseUrl: string;
  orgId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Department id (departments.yaml) → Zoho departmentId; Zoho requires one on every ticket. */
  departmentIds: Record<string, string>;
  now?: () => Date;
}

/** Zoho's contact needs a last name (≤200) and takes an optional first name (≤100). */
export function splitName(fullName: string): { firstName?: string; lastName: string } {
  const words = fullName.trim().split(/\s+/);
  if (words.length < 2) return { lastName: fullName.trim().slice(0, 200) };
  return { firstName: words[0]!.slice(0, 100), lastName: words.slice(1).join(" ").slice(0, 200) };
}

export function zohoTicketBody(outgoing: OutgoingTicket, departmentId: string, uploads: string[]) {
  const { ticket } = outgoing;
  return {
    subject: ticket.subject,
    description: htmlDescription(outgoing),
    departmentId,
    contact: { ...splitName(ticket.name), email: ticket.email },
    email: ticket.email,
    priority: ticket.priority,
    channel: "Web",
    ...(uploads.length ? { uploads } : {}),
  };
}

export function createZohoForwarder(settings: ZohoSettings): Forwarder {
  const now = settings.now ?? (() => new Date());
  let cached: { token: string; expiresAt: number } | null = null;

  async function accessToken(limits: { signal: AbortSignal; timeoutMs: number }): Promise<string> {
    if (cached && cached.expiresAt > now().getTime()) return cached.token;
    const response = await vendorRequest("Zoho accounts", joinUrl(settings.accountsBaseUrl, "/oauth/v2/token"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        refresh_token: settings.refreshToken,
      }),
      ...limits,
    });
    const answer = await vendorJson<{ access_token?: string; expires_in?: number; error?: string }>(response);
    if (!answer?.access_token) {
      // Zoho reports a bad refresh token with 200 and {"error":"invalid_code"}; retrying cannot fix that.
      throw new ForwardError(
        `Zoho refused the refresh token (${answer?.error ?? "no access token in the answer"}); create a new one and set ZOHO_REFRESH_TOKEN`,
        { retryable: false },
      );
    }
    // Renew five minutes early so a token never expires between two calls of one forward.
    const lifetimeMs = Math.max(60, (answer.expires_in ?? 3600) - 300) * 1000;
    cached = { token: answer.access_token, expiresAt: now().getTime() + lifetimeMs };
    return cached.token;
  }

  async function zohoCall(path: string, init: VendorCallInit, retried = false): Promise<Response> {
    const token = await accessToken({ signal: init.signal, timeoutMs: init.timeoutMs });
    try {
      return await vendorRequest("Zoho Desk", joinUrl(settings.apiBaseUrl, path), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), orgId: settings.orgId, Authorization: `Zoho-oauthtoken ${token}` },
      });
    } catch (error) {
      // A token revoked or expired early: drop it and try once more with a fresh one.
      if (!retried && error instanceof ForwardError && error.status === 401) {
        cached = null;
        return zohoCall(path, init, true);
      }
      throw error;
    }
  }

  async function upload(outgoing: OutgoingTicket): Promise<string[]> {
    const ids: string[] = [];
    for (const file of outgoing.attachments) {
      const form = new FormData();
      form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
      const response = await zohoCall("/api/v1/uploads", { method: "POST", body: form, ...callLimits(outgoing) });
      const id = (await vendorJson<{ id?: string | number }>(response))?.id;
      if (id === undefined) throw new ForwardError(`Zoho Desk accepted "${file.name}" but returned no upload id`, { retryable: true });
      ids.push(String(id));
    }
    return ids;
  }

  return {
    name: "zoho",
    async forward(outgoing) {
      const departmentId = settings.departmentIds[outgoing.ticket.department];
      if (!departmentId) {
        throw new ForwardError(
          `ZOHO_DEPARTMENT_IDS has no Zoho department for "${outgoing.ticket.department}"; add it and retry with npm run tickets -- --retry ${outgoing.ticket.reference}`,
          { retryable: false },
        );
      }
      const uploads = await upload(outgoing);
      const response = await zohoCall("/api/v1/tickets", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(zohoTicketBody(outgoing, departmentId, uploads)),
        ...callLimits(outgoing),
      });
      const answer = await vendorJson<{ id?: string | number; webUrl?: string }>(response);
      return {
        externalId: answer?.id === undefined ? null : String(answer.id),
        externalUrl: typeof answer?.webUrl === "string" && /^https?:\/\//.test(answer.webUrl) ? answer.webUrl : null,
      };
    },
    /**
     * GET /api/v1/tickets/{id}/metrics: `firstResponseTime` (a duration like "01:50 hrs") exists only
     * here, and stays empty, with `responseCount` 0, until an agent answered.
     */
    async readFirstResponse(request): Promise<FirstResponseReading> {
      const response = await zohoCall(`/api/v1/tickets/${encodeURIComponent(request.externalId)}/metrics`, {
        method: "GET",
        headers: { Accept: "application/json" },
        signal: request.signal,
        timeoutMs: request.timeoutMs,
      });
      const metrics = await vendorJson<{ firstResponseTime?: string | null; responseCount?: number | string | null }>(response);
      if (!metrics) throw new ForwardError("Zoho Desk answered without the ticket's metrics", { retryable: true });
      const count = Number(metrics.responseCount ?? 0);
      const time = typeof metrics.firstResponseTime === "string" ? metrics.firstResponseTime.trim() : "";
      if (count > 0 || time) {
        return { responded: true, at: null, detail: `answered in Zoho Desk${time ? ` after ${time}` : ""}` };
      }
      return { responded: false, at: null, detail: "no response in Zoho Desk yet" };
    },
  };
}
