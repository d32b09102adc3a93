import { describe, expect, test } from "vitest";
import {
  ATTACHMENT_LIMITS,
  attachmentsErrorMessage,
  checkAttachments,
  formDataAttachments,
  formDataToTicketInput,
  TICKET_FIELD_MAX_LENGTH,
  ticketFieldErrors,
  ticketSchema,
  type TypedTicketField,
} from "../../src/lib/ticket.ts";

const valid = {
  name: "Ana Souza",
  email: "  Ana.Souza@Example.COM ",
  subject: "Nobody can sign in",
  description: "Since 9:00 every sign-in fails with a blank page.",
  priority: "High",
  plan: "enterprise",
  productArea: "sign-in",
  workspaceUrl: "https://chat.example.com",
  version: "7.4.1",
  website: "",
  startedAt: "",
  idempotencyKey: "3f1c2b9a-8d4e-4c51-9a0b-2f6e7d8c9b10",
};

function errorsFor(input: Record<string, unknown>) {
  const result = ticketSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? {} : ticketFieldErrors(result.error);
}

describe("ticket schema", () => {
  test("accepts a complete ticket, trimming text and lowercasing the email", () => {
    const ticket = ticketSchema.parse(valid);
    expect(ticket.email).toBe("ana.souza@example.com");
    expect(ticket.priority).toBe("High");
    expect(ticket.workspaceUrl).toBe("https://chat.example.com");
  });

  test("defaults the priority to Medium when none is chosen, as for tickets by email", () => {
    expect(ticketSchema.parse({ ...valid, priority: undefined }).priority).toBe("Medium");
    expect(ticketSchema.parse({ ...valid, priority: "" }).priority).toBe("Medium");
  });

  test("treats empty optional fields as absent", () => {
    const ticket = ticketSchema.parse({ ...valid, workspaceUrl: "", version: "  ", idempotencyKey: "" });
    expect(ticket.workspaceUrl).toBeUndefined();
    expect(ticket.version).toBeUndefined();
    expect(ticket.idempotencyKey).toBeUndefined();
  });

  test("adds https:// to a bare workspace host", () => {
    expect(ticketSchema.parse({ ...valid, workspaceUrl: "chat.example.com" }).workspaceUrl).toBe("https://chat.example.com");
  });

  test("explains every missing required field in words a person can act on", () => {
    const errors = errorsFor({});
    expect(errors).toEqual({
      name: "Enter your name so we know who to reply to",
      email: "Enter your email address so we can reply to you",
      subject: "Enter a subject: a few words that sum up the problem",
      description: "Describe the problem: what you did, what you expected and what happened instead",
      plan: "Choose the plan your workspace is on",
      productArea: "Choose which part of the product your question is about",
    });
  });

  test("rejects a malformed email with an example of a good one", () => {
    expect(errorsFor({ ...valid, email: "ana@" }).email).toBe("Enter an email address like name@example.com");
  });

  test("enforces the subject and description lengths", () => {
    const short = errorsFor({ ...valid, subject: "hi", description: "too short" });
    expect(short.subject).toMatch(/at least 3 characters/);
    expect(short.description).toMatch(/at least 10 characters/);
    const long = errorsFor({ ...valid, subject: "x".repeat(256), description: "y".repeat(10_001), name: "n".repeat(201) });
    expect(long.subject).toMatch(/255 characters or fewer/);
    expect(long.description).toMatch(/10,000 characters or fewer/);
    expect(long.name).toMatch(/200 characters or fewer/);
  });

  test("rejects an unknown priority, a non-web workspace address and a long version", () => {
    const errors = errorsFor({ ...valid, priority: "Urgent", workspaceUrl: "ftp://files.example.com", version: "v".repeat(41) });
    expect(errors.priority).toBe("Choose a priority: High, Medium, Low");
    expect(errors.workspaceUrl).toMatch(/like https:\/\/chat\.example\.com/);
    expect(errors.version).toMatch(/40 characters/);
  });

  test("rejects an idempotency key that is not a UUID", () => {
    expect(errorsFor({ ...valid, idempotencyKey: "not-a-uuid" }).idempotencyKey).toMatch(/Reload the ticket form/);
  });

  test("does not reject a filled honeypot, so an autofilled hidden field never shows an error", () => {
    expect(ticketSchema.safeParse({ ...valid, website: "http://spam.example" }).success).toBe(true);
  });

  test("keeps only the first message per field", () => {
    const result = ticketSchema.safeParse({ ...valid, subject: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(ticketFieldErrors(result.error).subject).toBe("Enter a subject: a few words that sum up the problem");
  });
});

describe("TICKET_FIELD_MAX_LENGTH", () => {
  /** A value the schema accepts in `field`, exactly `length` characters long. */
  const valueOfLength: Record<TypedTicketField, (length: number) => string> = {
    name: (n) => "a".repeat(n),
    email: (n) => `${"a".repeat(n - "@example.com".length)}@example.com`,
    subject: (n) => "a".repeat(n),
    description: (n) => "a".repeat(n),
    priority: (n) => (n === 6 ? "Medium" : "Medium".padEnd(n, "m")),
    plan: (n) => "a".repeat(n),
    productArea: (n) => "a".repeat(n),
    workspaceUrl: (n) => `https://${"a".repeat(n - "https://.com".length)}.com`,
    version: (n) => "a".repeat(n),
    idempotencyKey: (n) => (n === 36 ? "3f1c2b9a-8d4e-4c51-9a0b-2f6e7d8c9b10" : "3f1c2b9a-8d4e-4c51-9a0b-2f6e7d8c9b10".padEnd(n, "0")),
  };

  test.each(Object.entries(TICKET_FIELD_MAX_LENGTH) as [TypedTicketField, number][])(
    "is the longest %s the schema accepts (%i characters)",
    (field, max) => {
      expect(ticketSchema.safeParse({ ...valid, [field]: valueOfLength[field](max) }).success).toBe(true);
      expect(Object.keys(errorsFor({ ...valid, [field]: valueOfLength[field](max + 1) }))).toEqual([field]);
    },
  );
});

describe("formDataToTicketInput", () => {
  function asFormData(values: Record<string, string>): FormData {
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) form.append(key, value);
    form.append("attachments", new File(["log line"], "server.log", { type: "" }));
    form.append("unexpected", "ignored");
    return form;
  }

  test("FormData, URL-encoded and JSON submissions validate to the same ticket", () => {
    const fromForm = ticketSchema.parse(formDataToTicketInput(asFormData(valid)));
    const fromUrlEncoded = ticketSchema.parse(formDataToTicketInput(new URLSearchParams(valid)));
    const fromJson = ticketSchema.parse(formDataToTicketInput(JSON.parse(JSON.stringify(valid))));
    expect(fromForm).toEqual(fromJson);
    expect(fromUrlEncoded).toEqual(fromJson);
  });

  test("FormData and JSON give the same field errors", () => {
    const bad = { ...valid, email: "nope", subject: "x" };
    const fromForm = ticketSchema.safeParse(formDataToTicketInput(asFormData(bad)));
    const fromJson = ticketSchema.safeParse(formDataToTicketInput(bad));
    expect(fromForm.success || fromJson.success).toBe(false);
    if (!fromForm.success && !fromJson.success) {
      expect(ticketFieldErrors(fromForm.error)).toEqual(ticketFieldErrors(fromJson.error));
      expect(Object.keys(ticketFieldErrors(fromJson.error)).sort()).toEqual(["email", "subject"]);
    }
  });

  test("keeps only ticket fields and leaves files out", () => {
    const input = formDataToTicketInput(asFormData(valid));
    expect(input).not.toHaveProperty("unexpected");
    expect(input).not.toHaveProperty("attachments");
  });

  test("formDataAttachments skips the empty part an unused file input sends", () => {
    const form = new FormData();
    form.append("attachments", new File([], "", { type: "application/octet-stream" }));
    expect(formDataAttachments(form)).toEqual([]);
    form.append("attachments", new File(["png"], "shot.png", { type: "image/png" }));
    expect(formDataAttachments(form).map((f) => f.name)).toEqual(["shot.png"]);
  });
});

describe("checkAttachments", () => {
  const MB = 1024 * 1024;

  test("accepts the allowed kinds, including .log files browsers give no type", () => {
    expect(
      checkAttachments([
        { name: "screen.png", size: 2 * MB, type: "image/png" },
        { name: "photo.JPG", size: MB, type: "image/jpeg" },
        { name: "server.log", size: 1000, type: "" },
        { name: "export.csv", size: 1000, type: "application/vnd.ms-excel" },
        { name: "logs.zip", size: 9 * MB, type: "application/x-zip-compressed" },
      ]),
    ).toEqual([]);
  });

  test("names the file and the accepted kinds when a type is not allowed", () => {
    const problems = checkAttachments([
      { name: "setup.exe", size: 100, type: "application/x-msdownload" },
      { name: "fake.png", size: 100, type: "application/x-msdownload" },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({
      index: 0,
      message: '"setup.exe" is not a file type we accept; attach PNG, JPEG, GIF, WebP, PDF, text (.txt, .log), CSV, JSON or ZIP files',
    });
    expect(problems[1]?.index).toBe(1);
  });

  test("limits each file to 10 MB, the total to 20 MB and the count to 5", () => {
    const big = checkAttachments([{ name: "dump.zip", size: 12 * MB, type: "application/zip" }]);
    expect(big).toEqual([{ index: 0, message: expect.stringMatching(/"dump.zip" is 12 MB; each file can be up to 10 MB/) }]);

    const many = Array.from({ length: ATTACHMENT_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `s${i}.png`, size: 5 * MB, type: "image/png" }));
    const messages = checkAttachments(many).map((p) => p.message);
    expect(messages).toContain("You chose 6 files; attach up to 5, or put them in one ZIP file");
    expect(messages).toContain("Your files add up to 30 MB; attach up to 20 MB in total");
  });

  test("thousands of files get the count and the first few problems, not a message as long as the list", () => {
    const files = Array.from({ length: 10_000 }, (_, i) => ({ name: `tool-${i}.exe`, size: 10, type: "" }));
    const message = attachmentsErrorMessage(checkAttachments(files)) ?? "";
    expect(message).toContain("You chose 10000 files; attach up to 5");
    expect(message).toContain('"tool-5.exe" is not a file type we accept');
    expect(message).not.toContain("tool-6.exe");
  });

  test("flags empty files and joins all problems into one message for the file input", () => {
    const problems = checkAttachments([{ name: "blank.txt", size: 0, type: "text/plain" }]);
    expect(attachmentsErrorMessage(problems)).toBe('"blank.txt" is empty; choose the file again');
    expect(attachmentsErrorMessage([])).toBeNull();
  });
});
