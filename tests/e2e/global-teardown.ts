// After the browser tests: removes the ticket folder playwright.config.ts made for this run (never
// one passed in E2E_DATA_DIR).
import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  const dir = process.env.E2E_TEMP_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
