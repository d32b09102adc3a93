// Several endpoint instances on one PostgreSQL database, as a deployment past one machine runs them:
// two real servers (scripts/serve.ts) share the database and a helpdesk, take a load of tickets
// (some sent to both at once with the same idempotency key, as a retrying browser might), and one
// of them is killed with SIGKILL in the middle. Every acknowledged ticket must be stored once and
// created once in the helpdesk, and the rate limit must count what both instances accepted.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterEach, expect, test } from "vitest";
import { openPostgresStore } from "../../src/helpdesk/store/postgres.ts";
import type { StoredTicket } from "../../src/helpdesk/store/ticket-store.ts";
import { describePostgres, freshPostgresUrl } from "../postgres.ts";
import { startServer, writeSite, type ServedSite } from "../served-site.ts";

const WEBHOOK_SECRET = "shared-database-test-webhook-secret";

interface Delivery {
  idempotencyKey: string;
  reference: string;
  signatureValid: boolean;
}

/**
 * A helpdesk that honours Idempotency-Key, as Zendesk and the webhook receivers the README asks for
 * do: a delivery with a key it has seen creates nothing and answers with the ticket it made. It
 * answers after a short pause, so an instance can be killed between the helpdesk's create and its
 * own record of the send.
 */
function startHelpdesk(): Promise<{ url: string; deliveries: Delivery[]; created: Map<string, string>; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const created = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const key = String(request.headers["idempotency-key"] ?? "");
      const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex")}`;
      const { ticket } = JSON.parse(raw.toString("utf8")) as { ticket: { reference: string } };
      deliveries.push({ idempotencyKey: key, reference: ticket.reference, signatureValid: request.headers["x-signature"] === signature });
      if (!created.has(key)) created.set(key, `hd-${created.size + 1}`);
      setTimeout(() => {
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: created.get(key) }));
      }, 25);
    });
  });
  return new Promise((ready) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      ready({ url: `http://127.0.0.1:${port}/hook`, deliveries, created, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

const running: ServedSite[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((site) => site.stop()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface Sent {
  status: number;
  reference?: string;
  replayed: boolean;
}

/** Posts a ticket as JSON from the client address given (the proxy's X-Forwarded-For). */
async function send(site: ServedSite, body: object, options: { key: string; client: string }): Promise<Sent> {
  const response = await fetch(`${site.origin}/api/tickets`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": options.key, "X-Forwarded-For": options.client },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as { reference?: string };
  return { status: response.status, reference: reply.reference, replayed: response.headers.get("idempotent-replayed") === "true" };
}

function ticketBody(n: number) {
  return {
    name: `Customer ${n}`,
    email: `customer-${n}@example.com`,
    subject: `Sign-in fails for team ${n}`,
    description: "Since 9:00 every sign-in fails with a blank page.",
    priority: "High",
    plan: "enterprise",
    productArea: "sign-in",
  };
}

describePostgres("several endpoint instances on one PostgreSQL database", () => {
  test(
    "a load sent to two instances, one killed with SIGKILL midway: every acknowledged ticket is stored once and created once in the helpdesk, and the rate limit counts across both",
    { timeout: 180_000 },
    async () => {
      const url = freshPostgresUrl();
      const helpdesk = await startHelpdesk();
      closers.push(helpdesk.close);
      const env = {
        KB_DIST_DIR: writeSite(),
        DATABASE_URL: url,
        HELPDESK_TARGET: "webhook",
        WEBHOOK_URL: helpdesk.url,
        WEBHOOK_SECRET,
        TICKET_TIME_TRAP_SECRET: "the same on every instance",
        TICKET_MIN_FILL_MS: "60000",
        TRUST_PROXY: "true",
        TICKET_RATE_LIMIT_MAX: "3",
        HELPDESK_POLL_MS: "100",
        HELPDESK_RETRY_DELAY_MS: "200",
      };
      // Started together: both bring the empty database's schema up to date at the same moment.
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      running.push(a, b);

      // The rate limit: one client sends six tickets, alternately to each instance; three get through in all.
      const limited: number[] = [];
      for (let i = 0; i < 6; i++) {
        const sent = await send(i % 2 ? a : b, { ...ticketBody(1000), subject: `Attempt ${i}` }, { key: `limit-${i}`, client: "198.51.100.7" });
        limited.push(sent.status);
      }
      expect(limited).toEqual([201, 201, 201, 429, 429, 429]);

      // The time-trap secret is shared: a form served by one instance and sent back at once to the other is caught.
      const form = await (await fetch(`${a.origin}/tickets/new/`)).text();
      const startedAt = /name="startedAt" value="([^"]+)"/.exec(form)?.[1];
      expect(startedAt).toBeTruthy();
      const trapped = await send(b, { ...ticketBody(2000), startedAt }, { key: "trapped", client: "198.51.100.8" });
      expect(trapped.status).toBe(201);

      // The load: 60 tickets, 6 at a time; every fourth goes to both instances at once with one key.
      // After 20 acknowledgements instance A is killed; a send that fails on A is sent again to B with
      // the same key and body, as the ticket form's script does.
      const acknowledged = new Map<string, Set<string>>();
      let killed: Promise<void> | null = null;
      const jobs = Array.from({ length: 60 }, (_, n) => n);
      async function deliver(n: number): Promise<void> {
        const key = `load-${n}`;
        const options = { key, client: `10.0.${n >> 8}.${n & 255}` };
        const targets = n % 4 === 0 ? [a, b] : [n % 2 ? a : b];
        const results = await Promise.all(
          targets.map((site) => send(site, ticketBody(n), options).catch(() => send(b, ticketBody(n), options))),
        );
        for (const result of results) {
          expect(result.status, `ticket ${key}`).toBe(201);
          const references = acknowledged.get(key) ?? new Set<string>();
          references.add(result.reference!);
          acknowledged.set(key, references);
        }
        if (acknowledged.size >= 20) killed ??= a.stop("SIGKILL");
      }
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let n = jobs.shift(); n !== undefined; n = jobs.shift()) await deliver(n);
        }),
      );
      await killed;

      // One key, one ticket: the same key sent to both instances got the same reference from each.
      expect(acknowledged.size).toBe(60);
      for (const [key, references] of acknowledged) expect([...references], key).toHaveLength(1);
      const loadReferences = [...acknowledged.values()].map((set) => [...set][0]!);

      const store = openPostgresStore(url);
      closers.push(() => store.close());
      const sentOrSuspended = (tickets: StoredTicket[]) => tickets.every((t) => t.forward.status === "sent" || t.forward.status === "suspended");
      // B forwards what A left, once A's leases run out (30 s at the most).
      await expect.poll(async () => sentOrSuspended(await store.listTickets()), { timeout: 120_000, interval: 500 }).toBe(true);

      const stored = await store.listTickets();
      const byKey = new Map(stored.map((t) => [t.idempotencyKey, t]));
      // Stored once: 60 from the load, 3 let through by the rate limit, 1 suspended by the time trap.
      expect(stored).toHaveLength(64);
      expect(new Set(stored.map((t) => t.idempotencyKey)).size).toBe(64);
      for (const [key, references] of acknowledged) expect(byKey.get(key)?.reference, key).toBe([...references][0]);
      expect(byKey.get("trapped")?.suspension?.reason).toMatch(/^time trap/);

      // Created once in the helpdesk: exactly the acknowledged tickets that were not suspended, each under its own key.
      const forwarded = stored.filter((t) => t.forward.status === "sent");
      expect(forwarded).toHaveLength(63);
      expect([...helpdesk.created.keys()].sort()).toEqual(forwarded.map((t) => t.reference).sort());
      for (const reference of loadReferences) expect(helpdesk.created.has(reference), reference).toBe(true);
      expect(helpdesk.deliveries.every((d) => d.signatureValid && d.idempotencyKey === d.reference)).toBe(true);
      // Each stored ticket records the helpdesk's id for it.
      for (const ticket of forwarded) expect(ticket.forward.externalId).toBe(helpdesk.created.get(ticket.reference));
    },
  );
});
