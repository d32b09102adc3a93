// The default: no helpdesk. Tickets stay in the local store and `npm run tickets` lists them.
import type { Forwarder } from "./forwarder.ts";

export function createLocalForwarder(): Forwarder {
  return {
    name: "local",
    async forward() {
      return { externalId: null };
    },
  };
}
