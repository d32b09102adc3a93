// The one ticket schema. The browser form script, the ticket endpoint and the tests import this
// module, so a ticket the form accepts is exactly a ticket the endpoint accepts. Browser-safe: no
// Node imports here.
import { z } from "zod";
import { visibleFileName } from "./attachment-name.ts";
import { PRIORITIES } from "./content-schemas.ts";

export const TICKET_LIMITS = {
  name: 200,
  email: 254,
  subjectMin: 3,
  subjectMax: 255,
  descriptionMin: 10,
  descriptionMax: 10_000,
  workspaceUrl: 2_000,
  version: 40,
  /** A plan or product area id, chosen from a list. */
  choice: 60,
} as const;

/** Form fields whose emptiness means "not given": a blank radio group, select or optional input. */
const blankAsAbsent = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** People paste "chat.example.com"; treat a bare host as https rather than reject it. */
const withScheme = (value: unknown) =>
  typeof value === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(value.trim()) ? `https://${value.trim()}` : value;

const requiredText = (missing: string) => z.string({ error: missing }).trim().min(1, { error: missing });

export const ticketSchema = z.object({
  name: requiredText("Enter your name so we know who to reply to").max(TICKET_LIMITS.name, {
    error: `Shorten your name to ${TICKET_LIMITS.name} characters or fewer`,
  }),
  email: requiredText("Enter your email address so we can reply to you")
    .max(TICKET_LIMITS.email, { error: "Enter an email address like name@example.com" })
    .toLowerCase()
    .pipe(z.email({ error: "Enter an email address like name@example.com" })),
  subject: requiredText("Enter a subject: a few words that sum up the problem")
    .min(TICKET_LIMITS.subjectMin, {
      error: `Write a subject of at least ${TICKET_LIMITS.subjectMin} characters, like "Cannot sign in"`,
    })
    .max(TICKET_LIMITS.subjectMax, {
      error: `Shorten the subject to ${TICKET_LIMITS.subjectMax} characters or fewer; put the details in the description`,
    }),
  description: requiredText("Describe the problem: what you did, what you expected and what happened instead")
    .min(TICKET_LIMITS.descriptionMin, {
      error: `Add a little more detail to the description (at least ${TICKET_LIMITS.descriptionMin} characters)`,
    })
    .max(TICKET_LIMITS.descriptionMax, {
      error: `Shorten the description to ${TICKET_LIMITS.descriptionMax.toLocaleString("en")} characters or fewer; attach long logs as a file instead`,
    }),
  priority: z.preprocess(
    blankAsAbsent,
    z.enum(PRIORITIES, { error: `Choose a priority: ${PRIORITIES.join(", ")}` }).default("Medium"),
  ),
  plan: requiredText("Choose the plan your workspace is on").max(TICKET_LIMITS.choice, {
    error: "Choose one of the plans in the list",
  }),
  productArea: requiredText("Choose which part of the product your question is about").max(TICKET_LIMITS.choice, {
    error: "Choose one of the product areas in the list",
  }),
  workspaceUrl: z.preprocess(
    (value) => withScheme(blankAsAbsent(value)),
    z
      .url({
        protocol: /^https?$/,
        error: "Enter your workspace address like https://chat.example.com, or leave it empty",
      })
      .max(TICKET_LIMITS.workspaceUrl, { error: "Shorten the workspace address; only the part up to the domain is needed" })
      .optional(),
  ),
  version: z.preprocess(
    blankAsAbsent,
    z
      .string({ error: "Enter the version as text, like 7.4.1" })
      .trim()
      .max(TICKET_LIMITS.version, { error: `Shorten the version to ${TICKET_LIMITS.version} characters, like 7.4.1` })
      .optional(),
  ),
  // Anti-abuse fields: checked by the endpoint, never stored or forwarded. The honeypot is not
  // rejected here, so a person whose browser autofilled it never sees an error about a hidden field.
  website: z.string().max(2_000).optional(),
  startedAt: z.string().max(200).optional(),
  idempotencyKey: z.preprocess(
    blankAsAbsent,
    z.uuid({ error: "Reload the ticket form and send it again: its submission key is not valid" }).optional(),
  ),
});

/** A ticket after validation: trimmed, email lowercased, priority defaulted, blanks removed. */
export type TicketInput = z.output<typeof ticketSchema>;
export type TicketField = keyof TicketInput | "attachments";

/** The fields in the order TicketForm.astro shows them (its two-column rows read left to right). */
export const TICKET_FORM_FIELDS = [
  "name",
  "email",
  "plan",
  "productArea",
  "subject",
  "priority",
  "description",
  "workspaceUrl",
  "version",
  "attachments",
] as const satisfies readonly TicketField[];

/**
 * The fields with an error, in the order a reader meets them: the order of the form's controls
 * (`formOrder`, the `name` of each control as it comes in the page), then fields the page lacks
 * in TICKET_FORM_FIELDS order, then any other problem. Both error summaries (server and browser)
 * use it, so a reordered form needs no change here.
 */
export function errorFieldsInFormOrder(errors: Record<string, string>, formOrder: readonly string[]): string[] {
  const known: readonly string[] = TICKET_FORM_FIELDS;
  const rank = (field: string) => {
    const onPage = formOrder.indexOf(field);
    if (onPage >= 0) return onPage;
    const listed = known.indexOf(field);
    return formOrder.length + (listed >= 0 ? listed : known.length);
  };
  return Object.keys(errors)
    .filter((field) => errors[field])
    .map((field, index) => ({ field, index }))
    .sort((a, b) => rank(a.field) - rank(b.field) || a.index - b.index)
    .map(({ field }) => field);
}

const INPUT_FIELDS = Object.keys(ticketSchema.shape) as (keyof TicketInput)[];

/** The fields a person fills in, as opposed to the anti-abuse ones the form sets by itself. */
export type TypedTicketField = Exclude<keyof TicketInput, "website" | "startedAt">;

/**
 * The longest value the schema accepts in each field a person fills in. Whatever keeps what was
 * typed for later (the no-JavaScript draft) keeps no more than this, so it is never larger than a ticket.
 */
export const TICKET_FIELD_MAX_LENGTH = {
  name: TICKET_LIMITS.name,
  email: TICKET_LIMITS.email,
  subject: TICKET_LIMITS.subjectMax,
  description: TICKET_LIMITS.descriptionMax,
  priority: Math.max(...PRIORITIES.map((p) => p.length)),
  plan: TICKET_LIMITS.choice,
  productArea: TICKET_LIMITS.choice,
  workspaceUrl: TICKET_LIMITS.workspaceUrl,
  version: TICKET_LIMITS.version,
  // A UUID in its usual form.
  idempotencyKey: 36,
} as const satisfies Record<TypedTicketField, number>;

/** First message per field, ready to show next to the control. */
export function ticketFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "form";
    errors[field] ??= issue.message;
  }
  return errors;
}

type FieldSource = FormData | URLSearchParams | Record<string, unknown>;

function isFieldList(source: FieldSource): source is FormData | URLSearchParams {
  return typeof (source as URLSearchParams).get === "function" && typeof (source as URLSearchParams).has === "function";
}

/**
 * The text fields of a submission as a plain object for `ticketSchema`. FormData, URL-encoded
 * bodies and JSON objects all come out the same way; files are left to `formDataAttachments`.
 */
export function formDataToTicketInput(source: FieldSource): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    if (isFieldList(source)) {
      const value = source.get(field);
      if (typeof value === "string") input[field] = value;
    } else if (Object.hasOwn(source, field) && source[field] !== undefined && source[field] !== null) {
      input[field] = source[field];
    }
  }
  return input;
}

/** Files chosen in the form; a file input left empty still sends a nameless, empty part. */
export function formDataAttachments(formData: FormData): File[] {
  return formData
    .getAll("attachments")
    .filter((entry): entry is File => typeof entry !== "string" && (entry.name !== "" || entry.size > 0));
}

// Attachments -------------------------------------------------------------------------------

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 10 * MB,
  maxTotalBytes: 20 * MB,
} as const;

/**
 * File kinds support can open safely; a file must have one of these extensions (or types). The
 * endpoint also checks what is inside (src/helpdesk/attachment-content.ts): `contents` lists what
 * the file-type package may find in such a file, or says it is text, which has no magic number.
 */
export const ATTACHMENT_TYPES = [
  { label: "PNG", noun: "a PNG image", extensions: [".png"], mimeTypes: ["image/png"], contents: ["png", "apng"] },
  { label: "JPEG", noun: "a JPEG image", extensions: [".jpg", ".jpeg"], mimeTypes: ["image/jpeg"], contents: ["jpg"] },
  { label: "GIF", noun: "a GIF image", extensions: [".gif"], mimeTypes: ["image/gif"], contents: ["gif"] },
  { label: "WebP", noun: "a WebP image", extensions: [".webp"], mimeTypes: ["image/webp"], contents: ["webp"] },
  // Illustrator saves PDF files that file-type tells apart as "ai"; they are PDF documents all the same.
  { label: "PDF", noun: "a PDF document", extensions: [".pdf"], mimeTypes: ["application/pdf"], contents: ["pdf", "ai"] },
  { label: "text (.txt, .log)", noun: "a text file", extensions: [".txt", ".log"], mimeTypes: ["text/plain", "text/x-log"], contents: "text" },
  { label: "CSV", noun: "a CSV file", extensions: [".csv"], mimeTypes: ["text/csv", "application/vnd.ms-excel", "text/plain"], contents: "text" },
  { label: "JSON", noun: "a JSON file", extensions: [".json"], mimeTypes: ["application/json", "text/json", "text/plain"], contents: "text" },
  {
    label: "ZIP",
    noun: "a ZIP file",
    extensions: [".zip"],
    mimeTypes: ["application/zip", "application/x-zip-compressed", "application/x-zip"],
    contents: ["zip"],
  },
] as const;

export type AttachmentKind = (typeof ATTACHMENT_TYPES)[number];

/**
 * Value for the file input's `accept` attribute: the extensions only, because a file is judged by
 * its extension first, and a type like text/plain would let the picker offer files we then refuse.
 */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.flatMap((t) => t.extensions).join(",");

const ALLOWED_KINDS_TEXT = `${ATTACHMENT_TYPES.slice(0, -1)
  .map((t) => t.label)
  .join(", ")} or ${ATTACHMENT_TYPES.at(-1)?.label} files`;

export interface AttachmentCandidate {
  name: string;
  size: number;
  type: string;
}

/** `index` is the file's position, or null when the problem is about the files together. */
export interface AttachmentProblem {
  index: number | null;
  message: string;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The file input's hint, so the form states the same limits the endpoint enforces. */
export const ATTACHMENT_HINT = `Up to ${ATTACHMENT_LIMITS.maxFiles} files, ${formatFileSize(ATTACHMENT_LIMITS.maxFileBytes)} each and ${formatFileSize(ATTACHMENT_LIMITS.maxTotalBytes)} in all: ${ALLOWED_KINDS_TEXT}.`;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** Browsers report "" or a generic type for files they do not recognise, such as .log files. */
const UNKNOWN_TYPES = new Set(["", "application/octet-stream"]);

const baseType = (type: string) => type.toLowerCase().split(";")[0]?.trim() ?? "";

/**
 * The kind a file says it is: by its extension, or by its type when its name has none; null when
 * that is not a kind we accept or the type contradicts the extension.
 */
export function attachmentKind(file: Pick<AttachmentCandidate, "name" | "type">): AttachmentKind | null {
  const type = baseType(file.type);
  const extension = extensionOf(visibleFileName(file.name));
  const kind = extension
    ? ATTACHMENT_TYPES.find((t) => (t.extensions as readonly string[]).includes(extension))
    : ATTACHMENT_TYPES.find((t) => (t.mimeTypes as readonly string[]).includes(type));
  if (!kind) return null;
  return UNKNOWN_TYPES.has(type) || (kind.mimeTypes as readonly string[]).includes(type) ? kind : null;
}

/** The type a file is kept and forwarded with: the one it was sent with, or its kind's when that said nothing. */
export function attachmentType(file: Pick<AttachmentCandidate, "name" | "type">): string {
  const kind = attachmentKind(file);
  return kind && UNKNOWN_TYPES.has(baseType(file.type)) ? kind.mimeTypes[0] : file.type || "application/octet-stream";
}

/**
 * The name a file is kept under: what a person sees of its name (see attachment-name.ts), or, when
 * nothing of it is visible (empty, or only invisible characters), "attachment-2.png" by its position and kind.
 */
export function attachmentName(file: Pick<AttachmentCandidate, "name" | "type">, index: number): string {
  return visibleFileName(file.name) || `attachment-${index + 1}${attachmentKind(file)?.extensions[0] ?? ""}`;
}

/** How a file is named in a message: quoted as the person sees it, or by its position. */
export function shownFileName(name: string, index: number): string {
  return `"${visibleFileName(name) || `File ${index + 1}`}"`;
}

/** Checks count, kinds and sizes; an empty list means the files can be sent. */
export function checkAttachments(files: readonly AttachmentCandidate[]): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  // One file past the limit is enough to say which files are wrong; a request with thousands of
  // files gets the count, not a message as long as its list.
  files.slice(0, ATTACHMENT_LIMITS.maxFiles + 1).forEach((file, index) => {
    const shown = shownFileName(file.name, index);
    if (!attachmentKind(file)) {
      problems.push({ index, message: `${shown} is not a file type we accept; attach ${ALLOWED_KINDS_TEXT}` });
    } else if (file.size === 0) {
      problems.push({ index, message: `${shown} is empty; choose the file again` });
    } else if (file.size > ATTACHMENT_LIMITS.maxFileBytes) {
      problems.push({
        index,
        message: `${shown} is ${formatFileSize(file.size)}; each file can be up to ${formatFileSize(ATTACHMENT_LIMITS.maxFileBytes)}, so zip it or attach a smaller part`,
      });
    }
  });
  if (files.length > ATTACHMENT_LIMITS.maxFiles) {
    problems.push({
      index: null,
      message: `You chose ${files.length} files; attach up to ${ATTACHMENT_LIMITS.maxFiles}, or put them in one ZIP file`,
    });
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) {
    problems.push({
      index: null,
      message: `Your files add up to ${formatFileSize(total)}; attach up to ${formatFileSize(ATTACHMENT_LIMITS.maxTotalBytes)} in total`,
    });
  }
  return problems;
}

/** All attachment problems as the one message shown under the file input. */
export function attachmentsErrorMessage(problems: readonly AttachmentProblem[]): string | null {
  return problems.length ? problems.map((p) => p.message).join(". ") : null;
}
