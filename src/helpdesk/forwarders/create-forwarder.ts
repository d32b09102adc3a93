// Picks the forwarder HELPDESK_TARGET asked for (see config.ts).
import type { TargetConfig } from "../config.ts";
import { redactCredentialShapes, type Redactor } from "../../lib/redact.ts";
import { withRedactedErrors, type Forwarder } from "./forwarder.ts";
import { createFreshdeskForwarder } from "./freshdesk.ts";
import { createLocalForwarder } from "./local.ts";
import { createWebhookForwarder } from "./webhook.ts";
import { createZendeskForwarder } from "./zendesk.ts";
import { createZohoForwarder } from "./zoho.ts";

/**
 * `redact` cleans every error message the forwarder throws; give it the configured secrets
 * (envRedactor in src/helpdesk/secrets.ts). The default removes only what is shaped like a credential.
 */
export function createForwarder(target: TargetConfig, redact: Redactor = redactCredentialShapes): Forwarder {
  return withRedactedErrors(forwarderFor(target), redact);
}

function forwarderFor(target: TargetConfig): Forwarder {
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
