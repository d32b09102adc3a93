// Ports for the browser tests' servers: the ones given (E2E_PORT, E2E_HELPDESK_PORT) or, when none
// are, ports the system says are free, so runs on a shared machine never collide. Synchronous because
// Playwright reads its config synchronously; a child process asks the system and prints them.
import { execFileSync } from "node:child_process";

const ASK_FOR_PORTS = `
const { createServer } = require("node:net");
const servers = Array.from({ length: Number(process.argv[1]) }, () => createServer());
Promise.all(servers.map((s) => new Promise((done) => s.listen(0, "127.0.0.1", done)))).then(() => {
  console.log(servers.map((s) => s.address().port).join(" "));
  for (const s of servers) s.close();
});`;

export function freePorts(count: number): number[] {
  const output = execFileSync(process.execPath, ["-e", ASK_FOR_PORTS, String(count)], { encoding: "utf8" });
  return output.trim().split(" ").map(Number);
}
