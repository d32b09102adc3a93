// `npm run tickets` run as staff run it: a separate process reading the data folder, while (in some
// tests) an outbox in this process plays the running server.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { ForwardError, type Forwarder } from "../../src/helpdesk/forwarders/forwarder.ts";
import { createOutbox } from "../../src/helpdesk/outbox.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { AttachmentData, TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { buildTicket } from "../../src/helpdesk/submission.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { attachmentFileName, writeAttachments } from "../../scripts/tickets/files.ts";
import { newTicketAlerts } from "../../src/lib/alert-rules.ts";
import { HOOK_PATHS, hookUrl, startChatServer } from "../chat-servers.ts";
import { tempDir } from "../temp-dir.ts";
import { FIXTURE_CONTENT } from "../fixture-content.ts";
import { runTicketsCommand, type TicketsCommandResult } from "../tickets-cli.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const data = loadSupportData();
// Monday 14 July 2025, 10:00 in São Paulo.
const MONDAY_10_BRT = new Date("2025-07-14T13:00:00Z");

function tickets(dataDir: string, ...args: string[]): Promise<TicketsCommandResult> {
  // As the server in these tests is configured: it looks for queued tickets every 100 ms, and its
  // helpdesk calls time out after 3 s, so the command waits about 5 s for an attempt.
  return runTicketsCommand(
    { PATH: process.env.PATH, KB_CONTENT_DIR: FIXTURE_CONTENT, KB_DATA_DIR: dataDir, HELPDESK_POLL_MS: "100", HELPDESK_TIMEOUT_MS: "3000" },
    args,
  );
}

async function save(
  store: TicketStore,
  reference: string,
  options: { subject?: string; plan?: string; files?: AttachmentData[]; suspendedBecause?: string; createdAt?: Date } = {},
) {
  const ticket = buildTicket({
    input: {
      name: "Ana Souza",
      email: "ana@example.com",
      subject: options.subject ?? "Nobody can sign in",
      description: "Since 9:00 every sign-in fails.\nThe page stays blank.",
      priority: "High",
      plan: options.plan ?? "enterprise",
      productArea: "sign-in",
    },
    reference,
    createdAt: options.createdAt ?? MONDAY_10_BRT,
    idempotencyKey: null,
    attachments: options.files ?? [],
    data,
  });
  await store.saveTicket({
    ticket,
    attachments: options.files ?? [],
    idempotency: null,
    suspendedBecause: options.suspendedBecause ?? null,
    alerts: newTicketAlerts(ticket, data.alerts),
  });
}

const file = (name: string, text: string, type = "text/plain"): AttachmentData => {
  const bytes = new TextEncoder().encode(text);
  return { name, type, size: bytes.length, bytes };
};

/** A helpdesk that answers with the next scripted step. */
function scripted(...steps: ("ok" | ForwardError)[]): Forwarder {
  let calls = 0;
  return {
    name: "scripted",
    async forward() {
      calls += 1;
      const step = steps.shift() ?? "ok";
      if (step !== "ok") throw step;
      return { externalId: `ext-${calls}` };
    },
  };
}

describe("npm run tickets", () => {
  test("names the folder it reads, and says plainly when that folder holds no tickets, without creating one", async () => {
    const empty = tempDir("kb-cli-");
    const result = await tickets(empty);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Reading tickets from ${empty} (KB_DATA_DIR)`);
    expect(result.stderr).toContain(`No tickets are stored in ${empty}: it has no tickets.sqlite yet`);
    expect(result.stderr).toContain("the same KB_DATA_DIR as the server");
    expect(result.stdout + result.stderr).not.toMatch(/\b0 tickets\b/);
    expect(existsSync(join(empty, "tickets.sqlite"))).toBe(false);
  });

  test("lists tickets without the suspended ones, and lists the suspended queue newest first with why and until when", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-2222-2222");
    await save(store, "PX-3333-3333", { subject: "Cheap pills", suspendedBecause: "honeypot: the hidden website field was filled in" });
    await save(store, "PX-4444-4444", {
      subject: "Sent too fast",
      createdAt: new Date(MONDAY_10_BRT.getTime() + 60_000),
      suspendedBecause: "time trap: sent 0.8 s after the form was opened; the minimum is 3.0 s",
    });
    await store.close();

    const all = await tickets(dir);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("PX-2222-2222");
    expect(all.stdout).not.toContain("PX-3333-3333");
    expect(all.stdout).toContain("1 ticket, newest first; times are America/Sao_Paulo.");
    expect(all.stdout).toContain("2 suspended tickets not listed: npm run tickets -- --suspended");

    const suspended = await tickets(dir, "--suspended");
    const rows = suspended.stdout.split("\n").filter((line) => line.startsWith("PX-"));
    expect(rows.map((line) => line.slice(0, 12))).toEqual(["PX-4444-4444", "PX-3333-3333"]);
    // Received at 10:01 São Paulo time, removed 14 days later unless released.
    expect(rows[0]).toMatch(/^PX-4444-4444\s+2025-07-14 10:01\s+2025-07-28 10:01\s+ana@example\.com\s+Sent too fast\s+time trap: sent 0\.8 s/);
    expect(rows[1]).toContain("honeypot: the hidden website field was filled in");
    expect(suspended.stdout).toContain("Each is removed 14 days after it arrived unless released.");
  });

  test("shows one ticket in full: requester, routing, description, files with sizes, due time and every attempt", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-5555-5555", {
      subject: "Sign-in \u001b[31mfails\u001b[0m",
      files: [file("server.log", "x".repeat(2048)), file("shot.png", "png", "image/png")],
    });
    const outbox = createOutbox({
      store,
      forwarder: scripted(new ForwardError("Zendesk answered 503: down for maintenance", { retryable: true, status: 503 })),
      supportData: data,
      now: () => MONDAY_10_BRT,
      retryDelayMs: 0,
    });
    await outbox.drain();
    await outbox.drain();
    await store.close();

    const { stdout, code } = await tickets(dir, "show", "px-5555-5555");
    expect(code).toBe(0);
    expect(stdout).not.toContain("\u001b");
    const lines = stdout.split("\n").map((line) => line.trimEnd());
    expect(lines).toContain("PX-5555-5555  Sign-in ?[31mfails?[0m");
    for (const expected of [
      /^Status:\s+sent to scripted #ext-2 at 2025-07-14 10:00$/,
      /^Requester:\s+Ana Souza <ana@example\.com>$/,
      /^Plan:\s+Enterprise \(enterprise\)$/,
      /^Support tier:\s+Standard Support \(standard\): within 1 business day$/,
      /^Priority:\s+High$/,
      /^Department:\s+Paid Support \(paid-support\)$/,
      /^Product area:\s+Signing in and accounts \(sign-in\)$/,
      /^First response due:\s+2025-07-15 10:00$/,
      /^Attachments:\s+2 files, 2 KB in all$/,
      /^\s+server\.log\s+text\/plain\s+2 KB$/,
      /^\s+shot\.png\s+image\/png\s+3 bytes$/,
      /^Forwarding:\s+2025-07-14 10:00  attempt 1 to scripted: not sent, will try again: Zendesk answered 503: down for maintenance$/,
      /^\s+2025-07-14 10:00  attempt 2 to scripted: sent as #ext-2$/,
      /^  The page stays blank\.$/,
    ]) {
      expect(lines.some((line) => expected.test(line)), String(expected)).toBe(true);
    }
  });

  test("release sends a suspended ticket through the running server and reports it; it is then an ordinary ticket", async () => {
    const dir = tempDir("kb-cli-");
    const server = openSqliteStore(dir);
    // Received just now: the running outbox removes suspended tickets older than TICKET_SUSPENDED_DAYS.
    await save(server, "PX-6666-6666", { createdAt: new Date(), suspendedBecause: "time trap: sent 1.0 s after the form was opened; the minimum is 3.0 s" });
    const outbox = createOutbox({ store: server, forwarder: scripted(), supportData: data, pollMs: 100 });
    await outbox.start();
    expect((await server.getTicket("PX-6666-6666"))?.forward.status).toBe("suspended");

    const released = await tickets(dir, "release", "PX-6666-6666");
    expect(released.code).toBe(0);
    expect(released.stdout).toContain("Released PX-6666-6666 from the suspended queue");
    expect(released.stdout).toContain("PX-6666-6666 sent to scripted as #ext-1");
    expect(await server.getTicket("PX-6666-6666")).toMatchObject({ forward: { status: "sent" }, suspension: { releasedAt: expect.any(String) } });

    const again = await tickets(dir, "release", "PX-6666-6666");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("PX-6666-6666 is not suspended (it is sent to scripted #ext-1");
    await outbox.stop();
    await server.close();
  });

  test("--retry queues a failed ticket and reports how the running server's attempt went", async () => {
    const dir = tempDir("kb-cli-");
    const server = openSqliteStore(dir);
    await save(server, "PX-7777-7777");
    const refused = new ForwardError("Freshdesk answered 400: email is invalid", { retryable: false, status: 400 });
    const outbox = createOutbox({ store: server, forwarder: scripted(refused, refused), supportData: data, pollMs: 100 });
    await outbox.start();
    const retried = await tickets(dir, "--retry", "PX-7777-7777");
    expect(retried.code).toBe(1);
    expect(retried.stdout).toContain("PX-7777-7777 failed: Freshdesk answered 400: email is invalid. Fix the cause, then: npm run tickets -- --retry PX-7777-7777");
    await outbox.stop();
    await server.close();
  });

  test("without a running server, release says the ticket is queued and what will send it", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-8888-8888", { suspendedBecause: "honeypot" });
    await store.close();
    const released = await tickets(dir, "release", "PX-8888-8888");
    expect(released.code).toBe(0);
    expect(released.stdout).toContain(`PX-8888-8888 is queued, but no server sent it within 5 seconds. The server sends queued tickets as soon as it runs with KB_DATA_DIR=${dir}.`);
    const reopened = openSqliteStore(dir);
    expect((await reopened.getTicket("PX-8888-8888"))?.forward.status).toBe("pending");
    await reopened.close();
  }, 30_000);

  test("delete removes a suspended ticket, and any other only with --force", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-9999-9999", { suspendedBecause: "honeypot", files: [file("a.log", "hi")] });
    await save(store, "PX-AAAA-2222");
    await store.close();

    expect((await tickets(dir, "delete", "PX-9999-9999")).stdout).toContain('Deleted PX-9999-9999 ("Nobody can sign in") with its 1 attachment.');
    const refused = await tickets(dir, "delete", "PX-AAAA-2222");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("PX-AAAA-2222 is not suspended (it is pending)");
    expect((await tickets(dir, "delete", "PX-AAAA-2222", "--force")).code).toBe(0);
    const reopened = openSqliteStore(dir);
    expect(await reopened.listTickets()).toEqual([]);
    await reopened.close();
    expect((await tickets(dir, "show", "PX-9999-9999")).stderr).toContain("There is no ticket PX-9999-9999 here.");
  });

  test("attachments writes a ticket's files into a folder, never outside it and never over an existing file", async () => {
    const dir = tempDir("kb-cli-");
    const out = join(tempDir("kb-cli-out-"), "PX-BBBB-2222");
    const store = openSqliteStore(dir);
    await save(store, "PX-BBBB-2222", {
      files: [file("../../escape.log", "1"), file("shot.png", "2", "image/png"), file("shot.png", "3", "image/png"), file("..", "4"), file("C:\\Users\\ana\\x.txt", "5")],
    });
    await store.close();

    const result = await tickets(dir, "attachments", "PX-BBBB-2222", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Wrote 5 files from PX-BBBB-2222:");
    expect(readdirSync(out).sort()).toEqual(["attachment-4", "escape.log", "shot (2).png", "shot.png", "x.txt"]);
    expect(readFileSync(join(out, "shot (2).png"), "utf8")).toBe("3");
    expect(existsSync(resolve(out, "../../escape.log"))).toBe(false);

    // A second run keeps the first files and numbers the new copies.
    writeFileSync(join(out, "note.txt"), "mine");
    await tickets(dir, "attachments", "PX-BBBB-2222", out);
    expect(readFileSync(join(out, "shot.png"), "utf8")).toBe("2");
    expect(readdirSync(out)).toContain("escape (2).log");
  });
});

describe("npm run tickets and chat alerts", () => {
  test("lists each ticket's chat alerts, and reports an alert a revoked webhook refused with the product's words and the variable to set", async () => {
    const chat = await startChatServer();
    chat.behave(HOOK_PATHS.rocketchat, "revoked");
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-C333-C333");
    await save(store, "PX-C444-C444", { plan: "starter" });
    const outbox = createOutbox({
      store,
      forwarder: scripted(),
      supportData: data,
      now: () => MONDAY_10_BRT,
      alerts: { webhooks: { "support-team": hookUrl(chat, "rocketchat") }, watchIntervalMs: 60_000 },
    });
    await outbox.drain();
    await store.close();
    await chat.close();

    const { stdout, code } = await tickets(dir);
    expect(code).toBe(0);
    const row = stdout.split("\n").find((line) => line.startsWith("PX-C333-C333"));
    expect(row).toMatch(/2025-07-15 10:00\s+sent to scripted #ext-1 at 2025-07-14 10:00\s+new failed/);
    expect(stdout).toContain("1 chat alert could not be sent and will not be tried again:");
    expect(stdout).toContain(
      'PX-C333-C333  new → support-team (rule high-priority): failed after 1 attempt: Rocket.Chat at 127.0.0.1',
    );
    expect(stdout).toContain('answered 404 "Invalid integration id or token provided."');
    expect(stdout).toContain("set ALERT_WEBHOOK_SUPPORT_TEAM to its address");
    expect(stdout).not.toContain(HOOK_PATHS.rocketchat);
    // A community ticket matches no rule: no alert, nothing to report.
    expect(stdout.split("\n").find((line) => line.startsWith("PX-C444-C444"))).not.toMatch(/new/);
  });

  test("--resend-alerts posts an alert a revoked webhook refused once the webhook works again, through the running server", async () => {
    const chat = await startChatServer();
    chat.behave(HOOK_PATHS.rocketchat, "revoked");
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-C555-C555");
    const outbox = createOutbox({
      store,
      forwarder: scripted(),
      supportData: data,
      pollMs: 100,
      alerts: { webhooks: { "support-team": hookUrl(chat, "rocketchat") }, watchIntervalMs: 60_000 },
    });
    await outbox.start();
    try {
      await expect.poll(async () => (await store.listAlerts())[0]?.status, { timeout: 5_000 }).toBe("failed");
      expect((await tickets(dir)).stdout).toContain("Once the webhook is fixed: npm run tickets -- --resend-alerts all");
      // The administrator sets up the webhook again; the running server posts what the command queues.
      chat.behave(HOOK_PATHS.rocketchat, "ok");
      const resent = await tickets(dir, "--resend-alerts", "all");
      expect(resent.stderr).toBe("");
      expect(resent.stdout).toContain("Queued 1 chat alert to be posted again.");
      expect(resent.stdout).toMatch(/PX-C555-C555 {2}new → support-team \(rule high-priority\): sent \d{4}-\d\d-\d\d \d\d:\d\d/);
      expect(chat.received.filter((d) => d.path === HOOK_PATHS.rocketchat && d.status === 200)).toHaveLength(1);
      const again = await tickets(dir, "--resend-alerts", "PX-C555-C555");
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("PX-C555-C555 has no failed or skipped chat alert to resend.");
    } finally {
      await outbox.stop();
      await store.close();
      await chat.close();
    }
  });

  test("responded records that the customer was answered, shows it, and stops the watch; a second time changes nothing", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-D333-D333", { createdAt: new Date() });
    await save(store, "PX-D444-D444", { suspendedBecause: "honeypot" });
    await store.close();

    const result = await tickets(dir, "responded", "px-d333-d333");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Recorded that PX-D333-D333 was answered at \d{4}-\d\d-\d\d \d\d:\d\d\. It was due .*: answered in time\. No more warnings or breach alerts are sent for it\./);
    const again = await tickets(dir, "responded", "PX-D333-D333");
    expect(again.stdout).toMatch(/PX-D333-D333 was already recorded as answered .* \(recorded by staff\)\./);

    const reopened = openSqliteStore(dir);
    expect((await reopened.getTicket("PX-D333-D333"))?.firstResponse).toMatchObject({ source: "staff" });
    expect((await reopened.ticketsAwaitingResponse(new Date(0), 10)).map((t) => t.reference)).not.toContain("PX-D333-D333");
    await reopened.close();

    const show = await tickets(dir, "show", "PX-D333-D333");
    expect(show.stdout).toMatch(/First response:\s+answered \d{4}-\d\d-\d\d \d\d:\d\d \(recorded by staff\)/);
    expect(show.stdout).toMatch(/Chat alerts:\s+new → support-team \(rule high-priority\): waiting, next try/);

    const suspended = await tickets(dir, "responded", "PX-D444-D444");
    expect(suspended.code).toBe(1);
    expect(suspended.stderr).toContain("PX-D444-D444 is suspended, so no response target is being watched for it.");
  });

  test("releasing a suspended ticket queues the chat alerts it would have had when it arrived", async () => {
    const dir = tempDir("kb-cli-");
    const store = openSqliteStore(dir);
    await save(store, "PX-E333-E333", { createdAt: new Date(), suspendedBecause: "time trap: sent 1.0 s after the form was opened" });
    await store.close();
    expect((await tickets(dir, "release", "PX-E333-E333")).code).toBe(0);
    const reopened = openSqliteStore(dir);
    expect(await reopened.listAlerts()).toMatchObject([{ reference: "PX-E333-E333", rule: "high-priority", kind: "new", status: "pending" }]);
    await reopened.close();
  }, 30_000);
});

describe("attachment file names", () => {
  test("are reduced to a plain name inside the folder", () => {
    expect(attachmentFileName("../../etc/passwd", 0)).toBe("passwd");
    expect(attachmentFileName("..\\..\\boot.ini", 0)).toBe("boot.ini");
    expect(attachmentFileName("..", 2)).toBe("attachment-3");
    expect(attachmentFileName("  .hidden. ", 0)).toBe("hidden");
    expect(attachmentFileName("a\u0000b\u001b.log", 0)).toBe("ab.log");
    expect(attachmentFileName('re:port?"1".pdf', 0)).toBe("re_port__1_.pdf");
    expect(attachmentFileName("CON.txt", 4)).toBe("attachment-5");
    // A long name stored by an earlier version keeps its extension.
    expect(attachmentFileName(`${"a".repeat(300)}.pdf`, 0)).toBe(`${"a".repeat(193)}….pdf`);
  });

  test("writing refuses nothing legitimate and keeps every file", async () => {
    const folder = tempDir("kb-files-");
    const paths = await writeAttachments(folder, [file("a.txt", "1"), file("a.txt", "2")]);
    expect(paths).toEqual([join(folder, "a.txt"), join(folder, "a (2).txt")]);
  });
});
