import { describe, expect, test } from "vitest";
import { createTicketHandler } from "../../src/helpdesk/handler.ts";
import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from "../../src/helpdesk/request-body.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { PLAIN_HANDLER_CONFIG, SAMPLE_TICKET } from "../sample-ticket.ts";

const ticket = SAMPLE_TICKET;

describe("JSON nesting depth", () => {
  test("counts arrays and objects, not brackets inside text", () => {
    expect(jsonNestedDeeperThan(`{"a":[{"b":[1]}]}`, 4)).toBe(false);
    expect(jsonNestedDeeperThan(`{"a":[{"b":[[1]]}]}`, 4)).toBe(true);
    expect(jsonNestedDeeperThan(JSON.stringify({ subject: "[[[[[[[[[[{{{{{{{{{" }), 1)).toBe(false);
    // An escaped quote does not end the text, so the brackets after it are still text.
    expect(jsonNestedDeeperThan(JSON.stringify({ subject: 'say "[[[[[[[[" twice' }), 1)).toBe(false);
    expect(jsonNestedDeeperThan(JSON.stringify({ subject: "ends with a backslash \\" , more: [[[[1]]]] }), 3)).toBe(true);
  });
});

describe("a ticket whose JSON is nested thousands of levels deep", () => {
  test("is refused with a 400 that says why, before validation, and nothing is stored", async () => {
    const store = new MemoryTicketStore();
    const logs: string[] = [];
    const handler = createTicketHandler({
      store,
      supportData: loadSupportData(),
      log: (line) => logs.push(line),
      config: { ...PLAIN_HANDLER_CONFIG, maxBodyBytes: 1024 * 1024 },
    });
    for (const field of ["plan", "productArea", "subject"]) {
      const body = JSON.stringify({ ...ticket, [field]: "@" }).replace('"@"', `${"[".repeat(20_000)}${"]".repeat(20_000)}`);
      const response = await handler(
        new Request("https://help.example.com/api/tickets", { method: "POST", body, headers: { "Content-Type": "application/json" } }),
      );
      expect(response.status, field).toBe(400);
      const { message } = (await response.json()) as { message: string };
      expect(message).toBe(
        `The ticket's JSON is nested more than ${MAX_JSON_DEPTH} levels deep; send a flat JSON object whose fields (name, email, subject, ...) are text`,
      );
    }
    expect(await store.listTickets()).toEqual([]);
    expect(logs).toEqual([]);
  });
});
