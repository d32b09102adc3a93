// Picks the forwarder HELPDESK_TARGET asked for (see config.ts).
import type { TargetConfig } from "../config.ts";
import type { Forwarder } from "./forwarder.ts";
import { createFreshdeskForwarder } from "./freshdesk.ts";
import { createLocalForwarder } from "./local.ts";
import { createWebhookForwarder } from "./webhook.ts";
import { createZendeskForwarder } from "./zendesk.ts";
import { createZohoForwarder } from "./zoho.ts";

export function createForwarder(target: TargetConfig): Forwarder {
  switch (target.kind) {
    case "local":
      return createLocalForwarder();
    case "webhook":
      return createWebhookForwarder(target);
    case "zendesk":
      return createZendeskForwarder(target);
    case "zoho":
      return createZohoForwarder(target);
    case "freshdesk":
      return createFreshdeskForwarder(target);
  }
}
