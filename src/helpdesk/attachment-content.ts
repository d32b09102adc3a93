// Checks that each attachment holds what its name and type say: a program sent as "invoice.pdf" or a
// ZIP sent as "photo.png" is refused, with the reason, before the ticket is stored. Binary kinds are
// recognised by their magic numbers (the file-type package); text kinds have none, so they must
// decode as UTF-8 (or as UTF-16 with a byte order mark, as Windows tools write logs) and contain no
// NUL characters, which text never has and programs always do. The browser form keeps its quick
// check by name and type; only the endpoint sees the bytes.
import { fileTypeFromBuffer } from "file-type";
import { attachmentKind, checkAttachments, shownFileName, type AttachmentKind, type AttachmentProblem } from "../lib/ticket.ts";

/**
 * Every magic number file-type knows sits near the start of a file; reading no further keeps the
 * work per file small whatever the file holds (file-type asks callers to bound what it parses).
 */
const SNIFF_BYTES = 64 * 1024;

export interface AttachmentBytes {
  name: string;
  type: string;
  bytes: Uint8Array;
}

function textEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return "utf-8";
}

export function isPlainText(bytes: Uint8Array): boolean {
  try {
    return !new TextDecoder(textEncoding(bytes), { fatal: true }).decode(bytes).includes("\u0000");
  } catch {
    return false;
  }
}

/** What is wrong with a file's contents for its kind, or null when they are what the kind says. */
async function contentProblem(file: AttachmentBytes, kind: AttachmentKind): Promise<string | null> {
  const detected = await fileTypeFromBuffer(file.bytes.subarray(0, SNIFF_BYTES)).catch(() => undefined);
  if (kind.contents === "text") {
    if (isPlainText(file.bytes)) return null;
    return detected ? `${detected.ext.toUpperCase()} data (${detected.mime})` : "not text (UTF-8 or UTF-16, without NUL characters)";
  }
  if (detected && (kind.contents as readonly string[]).includes(detected.ext)) return null;
  return detected ? `${detected.ext.toUpperCase()} data (${detected.mime})` : `not ${kind.noun}`;
}

/**
 * Problems with the contents of `files`, in the same form as checkAttachments() reports the rest.
 * Files of a kind we do not accept are left to that check, and so are the positions in `skip`.
 */
export async function checkAttachmentContents(files: readonly AttachmentBytes[], skip: ReadonlySet<number | null> = new Set()): Promise<AttachmentProblem[]> {
  const problems: AttachmentProblem[] = [];
  for (const [index, file] of files.entries()) {
    const kind = attachmentKind(file);
    if (!kind || skip.has(index) || file.bytes.length === 0) continue;
    const inside = await contentProblem(file, kind);
    if (inside) {
      problems.push({
        index,
        message: `${shownFileName(file.name, index)} is marked as ${kind.noun}, but what is inside is ${inside}; check that you chose the right file`,
      });
    }
  }
  return problems;
}

/**
 * Everything the endpoint checks about the files of one submission: count, kinds and sizes (as the
 * form does), then contents. Contents are looked at only when the files are within the limits
 * together, so the work per request stays bounded. Problems come in file order, shared ones last.
 */
export async function checkAttachmentFiles(files: readonly AttachmentBytes[]): Promise<AttachmentProblem[]> {
  const problems = checkAttachments(files.map((file) => ({ name: file.name, type: file.type, size: file.bytes.length })));
  if (!problems.some((p) => p.index === null)) {
    problems.push(...(await checkAttachmentContents(files, new Set(problems.map((p) => p.index)))));
  }
  return problems.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
}
