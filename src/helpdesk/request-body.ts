// Reads a ticket submission's body: counted byte by byte against the size limit (a Content-Length
// header can lie), then parsed by content type into text fields and files.
import { formDataAttachments, formDataToTicketInput } from "../lib/ticket.ts";

export type BodyKind = "json" | "urlencoded" | "multipart";

export function bodyKindOf(contentType: string | null): BodyKind | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))) return "json";
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  if (type === "multipart/form-data") return "multipart";
  return null;
}

/** The body's bytes, or null as soon as it grows past `maxBytes`. */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export interface ParsedSubmission {
  input: Record<string, unknown>;
  files: File[];
}

export class UnreadableBodyError extends Error {}

/**
 * A ticket is a flat object of text fields, so a few levels of nesting are plenty. Deeper values are
 * refused before anything reads them: code that walks a value recursively (String() of an array
 * does) runs out of stack on one nested thousands of levels deep.
 */
export const MAX_JSON_DEPTH = 8;

/** Whether JSON text nests arrays and objects deeper than `max`, found in one pass without parsing. */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export async function parseSubmission(body: Uint8Array, kind: BodyKind, contentType: string): Promise<ParsedSubmission> {
  if (kind === "json") {
    const text = new TextDecoder().decode(body);
    if (jsonNestedDeeperThan(text, MAX_JSON_DEPTH)) {
      throw new UnreadableBodyError(
        `The ticket's JSON is nested more than ${MAX_JSON_DEPTH} levels deep; send a flat JSON object whose fields (name, email, subject, ...) are text`,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new UnreadableBodyError("The request body is not valid JSON; send the ticket as a JSON object");
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new UnreadableBodyError("Send the ticket as a JSON object with fields like name, email and subject");
    }
    return { input: formDataToTicketInput(data as Record<string, unknown>), files: [] };
  }
  if (kind === "urlencoded") {
    return { input: formDataToTicketInput(new URLSearchParams(new TextDecoder().decode(body))), files: [] };
  }
  let formData: FormData;
  try {
    formData = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new UnreadableBodyError("The form data could not be read; send the form again");
  }
  return { input: formDataToTicketInput(formData), files: formDataAttachments(formData) };
}
