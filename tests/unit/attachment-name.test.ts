import { describe, expect, test } from "vitest";
import { MAX_FILE_NAME_BYTES, shortenFileName, visibleFileName } from "../../src/lib/attachment-name.ts";
import { attachmentKind, attachmentName, checkAttachments } from "../../src/lib/ticket.ts";

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

describe("shortenFileName", () => {
  test("keeps a name that fits as it is", () => {
    expect(shortenFileName("screenshot 2025-07-14.png")).toBe("screenshot 2025-07-14.png");
  });

  test("cuts the end of a long name's base, marks it, and keeps the extension", () => {
    const short = shortenFileName(`${"a".repeat(300)}.tar.log`);
    expect(short).toBe(`${"a".repeat(MAX_FILE_NAME_BYTES - utf8Length("….log"))}….log`);
    expect(utf8Length(short)).toBe(MAX_FILE_NAME_BYTES);
  });

  test("counts bytes, not characters, and never splits a character", () => {
    const short = shortenFileName(`${"日本語の報告書👩‍💻".repeat(20)}.pdf`, 60);
    expect(utf8Length(short)).toBeLessThanOrEqual(60);
    expect(short.endsWith("….pdf")).toBe(true);
    expect(short).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|\u200d…/);
  });

  test("a long ending that is not really an extension is cut like the rest", () => {
    expect(shortenFileName(`notes.${"x".repeat(300)}`, 20)).toBe(`notes.${"x".repeat(11)}…`);
  });
});

describe("visibleFileName", () => {
  test("drops folders, control characters and bidirectional controls", () => {
    expect(visibleFileName("C:\\Users\\ana\\Desktop\\shot.png")).toBe("shot.png");
    expect(visibleFileName("../../etc/passwd")).toBe("passwd");
    expect(visibleFileName("report\u0007\u001b[31m.pdf")).toBe("report[31m.pdf");
    // Shown as "invoiceexe.pdf" with the override kept; without it, what it really is.
    expect(visibleFileName("invoice\u202efdp.exe")).toBe("invoicefdp.exe");
  });

  test("trims what cannot be seen at the ends, and is empty when nothing visible is left before the extension", () => {
    expect(visibleFileName("\u200b\u00a0 screen.png \u2060\ufeff")).toBe("screen.png");
    for (const invisible of ["", "   ", "\u200b\u200c\u200d", "\u3164\u2800", "\u202e\u2066", "\u200b.png", " .pdf"]) {
      expect(visibleFileName(invisible), JSON.stringify(invisible)).toBe("");
    }
  });
});

describe("attachment names and kinds", () => {
  test("a name of only invisible characters gets the name an empty one gets", () => {
    const named = (name: string) => attachmentName({ name, type: "image/png" }, 1);
    expect(named("")).toBe("attachment-2.png");
    expect(named("\u200b\u2060\u3000")).toBe("attachment-2.png");
    expect(named("\u202e.png")).toBe("attachment-2.png");
  });

  test("the kind is judged by the name as it is seen", () => {
    expect(attachmentKind({ name: "invoice\u202efdp.exe", type: "application/pdf" })).toBeNull();
    expect(attachmentKind({ name: "screen.png\u200b", type: "" })?.label).toBe("PNG");
    expect(checkAttachments([{ name: "invoice\u202efdp.exe", size: 10, type: "application/pdf" }])[0]?.message).toMatch(
      /^"invoicefdp\.exe" is not a file type we accept/,
    );
  });

  test("messages show a long name shortened", () => {
    const [problem] = checkAttachments([{ name: `${"x".repeat(5_000)}.exe`, size: 10, type: "" }]);
    expect(problem?.message.length).toBeLessThan(400);
  });
});
