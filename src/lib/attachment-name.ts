// An attachment's name comes from the sender's browser (or from whoever crafted the request), and it
// is shown to staff, sent to the helpdesk and written to disk by `npm run tickets`. So it is reduced
// to what a person sees: no folders, no control characters, no bidirectional controls (which make
// "invoice<U+202E>fdp.exe" show as "invoiceexe.pdf"), nothing invisible at its ends, and a length
// every file system takes, shortened in the middle so that its extension stays. Browser-safe.

/** Longest name kept, in UTF-8 bytes: file systems allow 255, and a copy may need " (2)" added. */
export const MAX_FILE_NAME_BYTES = 200;

/** The longest ending still treated as an extension when a name is shortened. */
const MAX_EXTENSION_LENGTH = 16;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Whitespace, zero-width and other default-ignorable characters, and the blank Braille pattern: all show nothing. */
const INVISIBLE = "\\p{White_Space}\\p{Default_Ignorable_Code_Point}\\u2800";
const INVISIBLE_AT_ENDS = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, "gu");
const VISIBLE = new RegExp(`[^${INVISIBLE}]`, "u");

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

/** Characters as a person counts them, so an emoji or an accented letter is never cut in two. */
function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter !== "function") return [...text];
  return [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
}

/** `name` cut to `maxBytes` of UTF-8 by dropping the end of its base name, marked with "…", keeping its extension. */
export function shortenFileName(name: string, maxBytes: number = MAX_FILE_NAME_BYTES): string {
  if (utf8Length(name) <= maxBytes) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH ? name.slice(dot) : "";
  const ending = `…${extension}`;
  let budget = maxBytes - utf8Length(ending);
  let base = "";
  for (const character of graphemes(name.slice(0, name.length - extension.length))) {
    budget -= utf8Length(character);
    if (budget < 0) break;
    base += character;
  }
  return `${base.trimEnd()}${ending}`;
}

/**
 * The name as a person would read it, shortened to MAX_FILE_NAME_BYTES; "" when nothing visible
 * is left before its extension, so that such a name is treated exactly like an empty one.
 */
export function visibleFileName(name: string): string {
  const cleaned = (name.split(/[\\/]/).at(-1) ?? "")
    .replace(CONTROL_CHARACTERS, "")
    .replace(BIDI_CONTROLS, "")
    .replace(INVISIBLE_AT_ENDS, "");
  const dot = cleaned.lastIndexOf(".");
  const base = dot >= 0 ? cleaned.slice(0, dot) : cleaned;
  return VISIBLE.test(base) ? shortenFileName(cleaned) : "";
}
