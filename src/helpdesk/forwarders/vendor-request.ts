// The one place forwarders call a vendor: sorts failures into "try again later" (network, timeout,
// 429, 5xx; honouring Retry-After) and "will not work as sent" (other 4xx, with the vendor's words).
import { ForwardError } from "./forwarder.ts";

/** Retry-After as milliseconds: either seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** The vendor's own explanation from an error body, kept short. */
export async function vendorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let message = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const parts = [body.error, body.description, body.message, body.errorCode, body.details, body.errors]
      .filter((p) => p !== undefined && p !== null && p !== "")
      .map((p) => (typeof p === "string" ? p : JSON.stringify(p)));
    if (parts.length) message = parts.join(": ");
  } catch {
    // Not JSON: keep the text as it came.
  }
  message = message.replace(/\s+/g, " ").trim();
  return message.length > 500 ? `${message.slice(0, 500)}…` : message || response.statusText || "no details given";
}

export type VendorCallInit = RequestInit & { signal: AbortSignal; timeoutMs: number };

/** One vendor call, limited by its own timeout and by the caller's signal (shutdown). */
export async function vendorRequest(vendor: string, url: string, init: VendorCallInit): Promise<Response> {
  const { timeoutMs, signal, ...rest } = init;
  const Vendor = vendor.charAt(0).toUpperCase() + vendor.slice(1);
  let response: Response;
  try {
    response = await fetch(url, { ...rest, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      const message = signal.aborted
        ? `The call to ${vendor} was stopped because the server is shutting down`
        : `${Vendor} did not answer within ${timeoutMs / 1000} s`;
      throw new ForwardError(message, { retryable: true });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ForwardError(`Could not reach ${vendor} (${cause?.code ?? cause?.message ?? (error as Error).message})`, {
      retryable: true,
    });
  }
  if (response.ok) return response;
  const message = `${Vendor} answered ${response.status}: ${await vendorMessage(response)}`;
  const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
  throw new ForwardError(message, {
    retryable,
    status: response.status,
    retryAfterMs: retryable ? retryAfterMs(response.headers.get("retry-after")) : null,
  });
}

/**
 * A successful response's JSON, or null if the body is not JSON. A ticket the vendor accepted must
 * not be sent again just because its answer was odd, so callers decide what null means.
 */
export async function vendorJson<T>(response: Response): Promise<T | null> {
  try {
    return (await response.json()) as T;
  } catch {
    return null;
  }
}

export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}
