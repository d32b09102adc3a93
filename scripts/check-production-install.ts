// `npm run test:production`: proves that a production install (`npm ci --omit=dev`) is enough to
// serve a built site with its ticket endpoint. It copies the tracked files and dist/ into a clean
// folder, installs only `dependencies` there, starts `npm run serve` and sends a page request and a
// ticket, with the default SQLite store and, when the tests have a PostgreSQL (TEST_DATABASE_URL, as
// .ci/run sets it), again with DATABASE_URL. A server-side import of a devDependency, or a runtime
// package left in devDependencies, fails here instead of on someone's server.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import postgres from "postgres";
import { freePort } from "./lib/free-port.ts";

const root = resolve(import.meta.dirname, "..");
const distDir = resolve(process.env.KB_DIST_DIR ?? join(root, "dist"));
if (!existsSync(join(distDir, "index.html"))) {
  console.error(`No built site in ${distDir}. Run npm run build first.`);
  process.exit(1);
}

const copy = mkdtempSync(join(tmpdir(), "kb-production-"));
let server: ReturnType<typeof spawn> | undefined;
let output = "";

/** Stops the server (npm and the server it started are one process group). */
async function stopServer(): Promise<void> {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  await new Promise((r) => setTimeout(r, 300));
  server = undefined;
}

/** Starts `npm run serve` in the copy with `storeEnv`, asks for a page and the form, and sends a ticket. */
async function serveAndSendTicket(storeEnv: Record<string, string>, where: string): Promise<void> {
  output = "";
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: "127.0.0.1", TICKET_MIN_FILL_MS: "0" };
  // The copy serves its own dist/ and content/, and keeps tickets where this check says, whatever this shell points at.
  delete env.KB_DIST_DIR;
  delete env.KB_CONTENT_DIR;
  delete env.DATABASE_URL;
  Object.assign(env, storeEnv);
  server = spawn("npm", ["run", "--silent", "serve"], { cwd: copy, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));

  const deadline = Date.now() + 30_000;
  let home: Response | undefined;
  while (Date.now() < deadline && !home) {
    if (server.exitCode !== null) throw new Error(`npm run serve exited with ${server.exitCode}`);
    home = await fetch(`${origin}/`).catch(() => undefined);
    if (!home) await new Promise((r) => setTimeout(r, 250));
  }
  if (!home?.ok) throw new Error(`the home page did not answer at ${origin}/`);

  const form = await fetch(`${origin}/tickets/new/`);
  if (!form.ok || !(await form.text()).includes("startedAt")) throw new Error("the ticket form was not filled in by the server");
  // The plan and product area are the first of each in content/data, read the way the endpoint reads them.
  const { loadSupportData } = await import("../src/lib/support-data.ts");
  const data = loadSupportData();
  const reply = await fetch(`${origin}/api/tickets`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      name: "Production Check",
      email: "production-check@example.com",
      subject: "A ticket sent by the production install check",
      description: "This ticket checks that the server runs with dependencies only.",
      priority: "Low",
      plan: data.plans[0]!.id,
      productArea: data.productAreas[0]!.id,
    }),
  });
  const body = (await reply.json()) as { reference?: string };
  if (reply.status !== 201 || !body.reference) throw new Error(`the ticket endpoint answered ${reply.status}: ${JSON.stringify(body)}`);
  console.log(`Production install serves the site and stored ticket ${body.reference} in ${where}.`);
  await stopServer();
}

try {
  // Only what a deploy would have: the repository's files (tracked, or new and not ignored) and the built site.
  const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  cpSync(distDir, join(copy, "dist"), { recursive: true });

  console.log(`npm ci --omit=dev in ${copy}`);
  execFileSync("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: copy,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const installed = readdirSync(join(copy, "node_modules"));
  for (const devOnly of ["astro", "vitest", "@playwright"]) {
    if (installed.includes(devOnly)) throw new Error(`${devOnly} was installed by --omit=dev; it should be a devDependency`);
  }

  await serveAndSendTicket({ KB_DATA_DIR: join(copy, "data") }, "SQLite");
  const testDatabase = process.env.TEST_DATABASE_URL?.trim();
  if (testDatabase && testDatabase !== "off") {
    // PostgreSQL, in a schema of its own that is removed afterwards: the `postgres` client must be a dependency.
    const schema = `production_check_${randomBytes(4).toString("hex")}`;
    const url = new URL(testDatabase);
    url.searchParams.set("search_path", schema);
    try {
      await serveAndSendTicket({ DATABASE_URL: url.href, TICKET_TIME_TRAP_SECRET: "production-check" }, "PostgreSQL");
    } finally {
      await stopServer();
      const sql = postgres(testDatabase, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => sql.end());
    }
  }
} catch (error) {
  console.error(`Production install check failed: ${(error as Error).message}`);
  if (output) console.error(`Server output:\n${output}`);
  process.exitCode = 1;
} finally {
  await stopServer();
  rmSync(copy, { recursive: true, force: true });
}
