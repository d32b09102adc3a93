// `npm run tickets -- attachments <reference> <folder>`: writes a ticket's files into a folder.
// A stored name came from a customer's browser, so it is reduced to a plain file name that cannot
// leave the folder (no separators, no "..", no device or control characters), and an existing file
// is never overwritten.
import { mkdir, writeFile } from "node:fs/promises";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import type { AttachmentData } from "../../src/helpdesk/store/ticket-store.ts";
import { shortenFileName } from "../../src/lib/attachment-name.ts";

/** A name safe to create inside any folder on Linux, macOS and Windows. */
export function attachmentFileName(stored: string, index: number): string {
  const base = stored.split(/[\\/]/).at(-1) ?? "";
  const cleaned = shortenFileName(
    base
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
      .replace(/[<>:"|?*]/g, "_")
      .replace(/^[\s.]+|[\s.]+$/g, ""),
  );
  // Windows reserves these names whatever their extension.
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(cleaned);
  return cleaned && !reserved ? cleaned : `attachment-${index + 1}`;
}

/** "screenshot.png" → "screenshot (2).png". */
function numbered(name: string, n: number): string {
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)} (${n})${extension}`;
}

/** Writes each file into `folder` (created if missing) and returns the paths written, in order. */
export async function writeAttachments(folder: string, files: readonly AttachmentData[]): Promise<string[]> {
  const root = resolve(folder);
  await mkdir(root, { recursive: true });
  const written: string[] = [];
  for (const [index, file] of files.entries()) {
    const name = attachmentFileName(file.name, index);
    for (let n = 1; ; n++) {
      const path = join(root, n === 1 ? name : numbered(name, n));
      const inside = relative(root, path);
      if (!inside || inside.startsWith("..") || isAbsolute(inside)) throw new Error(`Refusing to write "${file.name}" outside ${root}`);
      try {
        // "wx" fails if anything (a file, a link) already has this name, so nothing is overwritten.
        await writeFile(path, file.bytes, { flag: "wx" });
        written.push(path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n >= 1000) throw error;
      }
    }
  }
  return written;
}
