// Chat alerts from the real server (scripts/serve.ts) to a chat stand-in: a High ticket is announced
// within seconds, a server killed with alerts still queued sends each of them once after it starts
// again, and a revoked webhook is reported by `npm run tickets` instead of being retried.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { StoredAlert } from "../../src/helpdesk/store/ticket-store.ts";
import { HOOK_PATHS, hookUrl, startChatServer, type ChatServer } from "../chat-servers.ts";
import { ROOT, startServer, writeSite, type ServedSite } from "../served-site.ts";
import { tempDir } from "../temp-dir.ts";
import { FIXTURE_CONTENT } from "../fixture-content.ts";

const run = promisify(execFile);
const running: ServedSite[] = [];
const chats: ChatServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((site) => site.stop()));
  await Promise.all(chats.splice(0).map((chat) => chat.close()));
});

async function serve(env: Record<string, string>): Promise<ServedSite> {
  const site = await startServer({ KB_DIST_DIR: writeSite(), HELPDESK_POLL_MS: "100", HELPDESK_RETRY_DELAY_MS: "200", ...env });
  running.push(site);
  return site;
}

async function chatServer(port = 0): Promise<ChatServer> {
  const chat = await startChatServer(port);
  chats.push(chat);
  return chat;
}

async function sendTicket(site: ServedSite, subject: string, priority = "High"): Promise<string> {
  const response = await fetch(`${site.origin}/api/tickets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      name: "Ana Souza",
      email: "ana@example.com",
      subject,
      description: "Since 9:00 every sign-in fails with a blank page.",
      priority,
      plan: "enterprise",
      productArea: "sign-in",
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

/** The alerts the server stored, read through a second connection as `npm run tickets` would. */
async function storedAlerts(dataDir: string): Promise<StoredAlert[]> {
  const store = openSqliteStore(dataDir);
  try {
    return await store.listAlerts();
  } finally {
    await store.close();
  }
}

const announced = (chat: ChatServer, reference: string) =>
  chat.received.filter((d) => d.status === 200 && JSON.stringify(d.body).includes(`New High ticket ${reference}`));

describe("chat alerts from the running server", () => {
  test("a High ticket is announced in the team's channel within seconds, and the start-up says which destinations are off", { timeout: 60_000 }, async () => {
    const chat = await chatServer();
    const site = await serve({ KB_DATA_DIR: tempDir("kb-alerts-"), ALERT_WEBHOOK_SUPPORT_TEAM: hookUrl(chat, "rocketchat") });
    await expect.poll(() => site.output()).toContain("chat alerts to support-team (#support-team, Rocket.Chat) are on");
    expect(site.output()).toContain(
      "chat alerts to customer-success (#customer-success, Rocket.Chat) are off: ALERT_WEBHOOK_CUSTOMER_SUCCESS is not set, so its rules (premium-breaches) send nothing",
    );
    const reference = await sendTicket(site, "Nobody can sign in");
    await expect.poll(() => announced(chat, reference).length, { timeout: 10_000 }).toBe(1);
    expect(announced(chat, reference)[0]).toMatchObject({ product: "rocketchat", path: HOOK_PATHS.rocketchat, problem: null });
    await expect.poll(() => site.output()).toContain(`alert ${reference} new (high-priority) to support-team sent`);
    expect(site.output()).not.toContain(HOOK_PATHS.rocketchat);
  });

  test("killed with alerts queued for an unreachable chat server, it sends each of them exactly once after it starts again", { timeout: 60_000 }, async () => {
    const dataDir = tempDir("kb-alerts-restart-");
    // A port with nothing listening yet: the chat server is down while the first server runs.
    const probe = await startChatServer();
    const port = Number(new URL(probe.base).port);
    await probe.close();
    const webhook = hookUrl({ base: `http://127.0.0.1:${port}` }, "rocketchat");

    const first = await serve({ KB_DATA_DIR: dataDir, ALERT_WEBHOOK_SUPPORT_TEAM: webhook });
    const references = [await sendTicket(first, "First outage"), await sendTicket(first, "Second outage")];
    // Both queued, and the server has already tried (and is retrying) the chat server more than once.
    const middle = (alerts: StoredAlert[]) => alerts.length === 2 && alerts.every((a) => a.status === "pending") && alerts.some((a) => a.attempts >= 2);
    await expect.poll(async () => middle(await storedAlerts(dataDir)), { timeout: 15_000 }).toBe(true);
    // No goodbye: the process is killed, as a crash or a power cut would stop it.
    await first.stop("SIGKILL");
    expect(first.output()).toMatch(/Could not reach Rocket\.Chat at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);

    const chat = await chatServer(port);
    const second = await serve({ KB_DATA_DIR: dataDir, ALERT_WEBHOOK_SUPPORT_TEAM: webhook });
    await expect.poll(() => references.map((r) => announced(chat, r).length), { timeout: 15_000 }).toEqual([1, 1]);
    // A ticket after the restart goes through the same queue; by then nothing earlier has been sent twice.
    const later = await sendTicket(second, "After the restart");
    await expect.poll(() => announced(chat, later).length, { timeout: 10_000 }).toBe(1);
    expect(references.map((r) => announced(chat, r).length)).toEqual([1, 1]);
    expect((await storedAlerts(dataDir)).map((a) => a.status)).toEqual(["sent", "sent", "sent"]);
  });

  test("a revoked webhook is reported by npm run tickets with Rocket.Chat's error, and the alert is never due again", { timeout: 60_000 }, async () => {
    const chat = await chatServer();
    chat.behave(HOOK_PATHS.rocketchat, "revoked");
    const dataDir = tempDir("kb-alerts-revoked-");
    const site = await serve({ KB_DATA_DIR: dataDir, ALERT_WEBHOOK_SUPPORT_TEAM: hookUrl(chat, "rocketchat") });
    const reference = await sendTicket(site, "Nobody can sign in");
    await expect.poll(async () => (await storedAlerts(dataDir))[0]?.status, { timeout: 10_000 }).toBe("failed");
    const [alert] = await storedAlerts(dataDir);
    expect(alert).toMatchObject({ reference, attempts: 1, nextAttemptAt: null });
    expect(chat.received).toHaveLength(1);

    const { stdout } = await run(process.execPath, ["scripts/tickets.ts"], { cwd: ROOT, env: { PATH: process.env.PATH, KB_CONTENT_DIR: FIXTURE_CONTENT, KB_DATA_DIR: dataDir } });
    expect(stdout).toContain("1 chat alert could not be sent and will not be tried again:");
    expect(stdout).toContain(`${reference}  new → support-team (rule high-priority): failed after 1 attempt: Rocket.Chat at ${new URL(chat.base).host} answered 404 "Invalid integration id or token provided."`);
    expect(stdout).toContain("set ALERT_WEBHOOK_SUPPORT_TEAM to its address");
    expect(stdout + site.output()).not.toContain(HOOK_PATHS.rocketchat);
  });
});
