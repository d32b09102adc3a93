// The Node server under the faults an unlucky or hostile request finds: a database locked by
// another process, a client that sends its headers slowly, a data folder it cannot write.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runServerUntilExit, startServer, writeSite, type ServedSite } from "../served-site.ts";
import { tempDir } from "../temp-dir.ts";
import { SAMPLE_TICKET } from "../sample-ticket.ts";

const ticket = { ...SAMPLE_TICKET, plan: "pro" };

const running: ServedSite[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((site) => site.stop()));
});

async function serve(env: Record<string, string>): Promise<ServedSite> {
  const site = await startServer({ KB_DIST_DIR: writeSite(), ...env });
  running.push(site);
  return site;
}

/** Another process that takes the database's write lock and keeps it until told to let go. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    import { DatabaseSync } from "node:sqlite";
    const db = new DatabaseSync(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    console.log("locked");
    process.stdin.once("data", () => { db.exec("COMMIT"); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, file], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    async release() {
      child.stdin.write("release\n");
      await exited;
    },
  };
}

describe("a database locked by another process", () => {
  test("pages keep answering while a ticket waits for the lock, and the ticket gets a 503 with Retry-After and a request id", async () => {
    const dataDir = tempDir("kb-locked-");
    const site = await serve({ KB_DATA_DIR: dataDir });
    const lock = await holdWriteLock(join(dataDir, "tickets.sqlite"));
    try {
      const started = Date.now();
      let ticketDone = false;
      const posted = fetch(`${site.origin}/api/tickets`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(ticket),
      }).finally(() => (ticketDone = true));
      // The home page, asked for again and again while the ticket waits (up to the store's 5 s busy timeout).
      const pagesAnswered: number[] = [];
      while (!ticketDone) {
        const page = await fetch(`${site.origin}/`);
        await page.arrayBuffer();
        if (!ticketDone) pagesAnswered.push(Date.now());
      }
      const response = await posted;
      const waited = Date.now() - started;

      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      // Pages were still answered in the second half of the ticket's wait, not only before the lock blocked.
      expect(pagesAnswered.filter((at) => at - started > waited / 2).length).toBeGreaterThan(0);

      const id = response.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f]{12}$/);
      expect(((await response.json()) as { requestId?: string }).requestId).toBe(id);
      expect(site.output()).toContain(`503 for POST /api/tickets (request ${id})`);
      expect(site.output()).toMatch(new RegExp(`database is locked \\(request ${id}\\)`));
    } finally {
      await lock.release();
    }
    // Once the lock is gone, the same ticket goes through.
    const retried = await fetch(`${site.origin}/api/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(ticket),
    });
    expect(retried.status).toBe(201);
  });
});

describe("slow clients", () => {
  test("a client that sends its request headers slowly is cut off before it finishes", async () => {
    const site = await serve({ KB_DATA_DIR: tempDir("kb-slow-"), SERVER_HEADERS_TIMEOUT_MS: "1000" });
    const { hostname, port } = new URL(site.origin);
    const socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.on("error", () => {});
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n");
    // One header line every 200 ms, for up to 20 s: far longer than the 1 s the server allows.
    let linesSent = 0;
    let open = true;
    void closed.then(() => (open = false));
    while (open && linesSent < 100) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (open) socket.write(`X-Slow-${linesSent++}: a\r\n`);
    }
    expect(open, "the server closed the connection").toBe(false);
    expect(linesSent).toBeLessThan(100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});

describe("start-up with a data folder that cannot be written", () => {
  test("prints one line naming KB_DATA_DIR and what to do, not a stack trace", async () => {
    // A folder inside a file cannot be made, whoever runs the server (root included).
    const file = join(tempDir("kb-unwritable-"), "not-a-folder");
    writeFileSync(file, "");
    const result = await runServerUntilExit({ KB_DIST_DIR: writeSite(), KB_DATA_DIR: join(file, "data") });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("KB_DATA_DIR");
    expect(lines[0]).toContain(join(file, "data"));
    expect(lines[0]).toMatch(/Set KB_DATA_DIR to a folder this user can write to/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test.runIf(existsSync("/proc/self"))("says so too for a file system that makes no folders, such as /proc, instead of hanging", async () => {
    // Node's recursive mkdir retries forever where a folder's parent exists but mkdir answers ENOENT.
    const result = await runServerUntilExit({ KB_DIST_DIR: writeSite(), KB_DATA_DIR: "/proc/kb-data/tickets" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot write to the data folder /proc/kb-data/tickets (KB_DATA_DIR)");
  }, 30_000);
});
