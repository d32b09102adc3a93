// Synthetic articles for the benchmark (`npm run bench`): plausible help-center pages generated
// from word lists, deterministic from a seed, valid against the real article schema, and linking
// only to pages that exist. Pure: the benchmark script writes the files.
import { articleSlug, articleUrl } from "../../src/lib/article-nav.ts";
import type { Audience } from "../../src/lib/content-schemas.ts";

export interface SyntheticCategory {
  id: string;
  audience: readonly Audience[];
}

export interface SyntheticInput {
  count: number;
  seed: number;
  categories: readonly SyntheticCategory[];
  /** Team ids an article's owner is drawn from. */
  teams: readonly string[];
  /** Articles already in the site: generated ones never reuse their titles or file names, and link to them. */
  existing?: readonly { id: string; title: string }[];
  /** Other pages that exist (like /support/priorities/), for links from article text. */
  pages?: readonly string[];
  /** Review dates fall after this day (YYYY-MM-DD), so the output does not depend on the clock. */
  today?: string;
}

export interface SyntheticFrontmatter {
  title: string;
  description: string;
  audience: Audience[];
  category: string;
  owner: string;
  reviewBy: string;
  updated?: string;
  tags: string[];
  keywords: string[];
  related: string[];
  order?: number;
}

export interface SyntheticArticle {
  /** category/slug, the id Astro gives the entry. */
  id: string;
  /** Path under content/articles/. */
  file: string;
  frontmatter: SyntheticFrontmatter;
  /** Every internal link in the body, as a site path like /product-help/some-slug/. */
  links: string[];
  /** The whole MDX file. */
  source: string;
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same articles everywhere. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, chance, sample };
}
export type Random = ReturnType<typeof createRandom>;

// Word lists. Combined, they give tens of thousands of distinct titles and varied prose.
const ACTIONS = [
  "Setting up", "Turning off", "Troubleshooting", "Exporting", "Importing", "Sharing", "Archiving", "Restoring",
  "Renaming", "Reviewing", "Scheduling", "Muting", "Pinning", "Searching", "Connecting", "Configuring", "Rotating",
  "Auditing", "Migrating", "Approving", "Reporting problems with", "Limiting", "Recovering", "Syncing", "Cleaning up",
  "Understanding", "Choosing", "Changing", "Testing", "Monitoring",
] as const;

const SUBJECTS = [
  "read receipts", "guest accounts", "message retention", "custom emoji", "threaded replies", "voice huddles",
  "screen sharing", "file previews", "channel topics", "workspace invitations", "single sign-on", "audit logs",
  "webhook deliveries", "bot tokens", "status messages", "reminders", "message drafts", "user groups",
  "private channels", "push notifications", "desktop notifications", "keyword alerts", "saved searches",
  "link previews", "message formatting", "data exports", "billing contacts", "seat licences", "shared channels",
  "announcement channels", "on-call rotations", "ticket macros", "escalation notes", "handover notes",
  "time-off calendars", "meeting notes", "welcome messages", "workspace themes", "API rate limits",
  "event subscriptions", "directory groups", "SCIM provisioning", "session timeouts", "device approvals",
  "encryption keys", "backup codes", "message search", "translation settings", "video call recordings",
  "omnichannel queues", "canned responses", "customer satisfaction surveys", "retention policies",
  "storage quotas", "email forwarding", "calendar sync", "incoming webhooks", "outgoing webhooks",
  "slash commands", "app permissions", "room archives", "mention settings", "do-not-disturb schedules",
  "away messages", "login alerts", "password resets", "workspace domains", "custom fields", "user roles",
] as const;

const CONTEXTS = [
  "for a whole team", "on the mobile apps", "in the desktop app", "after a plan change", "when a colleague leaves",
  "across time zones", "for guest users", "in shared channels", "behind a corporate proxy", "with a screen reader",
  "on a slow connection", "in large workspaces", "before an audit", "during an outage", "for new hires",
  "for support agents", "in client channels", "on Android", "on iOS", "in the web app", "for administrators",
  "after a migration", "during a trial", "on the Enterprise plan", "with directory sync",
] as const;

const ACTORS = [
  "Workspace administrators", "Channel owners", "Support agents", "Most customers", "Your team lead",
  "The on-call engineer", "Guest users", "New hires", "Customer Success", "People Operations",
  "The Knowledge Base Editors", "Anyone with the Owner role", "A moderator", "The billing contact",
  "Engineering", "The workspace owner",
] as const;

const VERBS = [
  "can change", "usually check", "should review", "may need to reset", "can export", "can turn on",
  "often forget", "need to approve", "can limit", "are able to see", "can rename", "decide on",
  "regularly clean up", "can restore", "should document", "can schedule",
] as const;

const PLACES = [
  "from the admin console", "in the channel settings", "without contacting support", "in their profile",
  "under Preferences, then Notifications", "in the workspace's security page", "through the REST API",
  "from the mobile app's menu", "in the audit log", "on the billing page", "before the next directory sync",
  "once a week", "at the start of every quarter", "within one business day", "during the handover",
  "as soon as the banner turns amber", "after signing out and back in", "in the integrations list",
] as const;

const PROBLEMS = [
  "messages arrive late", "a push notification never shows up", "the export stops halfway",
  "the app asks for a code again and again", "a guest cannot see a shared file", "the sync reports a conflict",
  "search returns nothing for a word you know is there", "the desktop app stays offline",
  "a webhook delivery fails twice in a row", "a bot stops answering", "the call drops after a minute",
  "the unread badge does not clear", "a channel disappears from the sidebar", "emoji show as empty squares",
  "uploads are rejected as too large", "the invitation link has expired", "the sign-in page loops",
] as const;

const REMEDIES = [
  "sign out and sign back in", "clear the app's cache and restart it", "check the status page first",
  "update the app to the latest version", "ask a workspace administrator to check the audit log",
  "try the web app to see whether the problem follows the account", "remove the device and add it again",
  "send a new invitation", "check that the token has not been revoked", "turn the setting off and on again",
  "compare the time on the device with the time in the browser", "collect the app logs and open a ticket",
  "look for a proxy or firewall rule that blocks the connection", "reduce the file size or share a link instead",
] as const;

const OUTCOMES = [
  "the change applies to everyone in the workspace", "nothing is deleted", "existing messages keep their settings",
  "the audit log records who made the change", "people get a notification the next time they open the app",
  "the old link stops working straight away", "it can take up to an hour to reach every device",
  "guests are not affected", "the billing contact receives an email", "the setting follows the account, not the device",
] as const;

const REASONS = [
  "it keeps noisy channels quiet", "auditors ask for it", "it saves the support team a round trip",
  "customers read the first line only", "a clear owner avoids orphaned channels", "it is easy to undo",
  "it stops a single mistake from reaching every device", "new hires find their way without asking",
  "it keeps response times honest", "people in other time zones can catch up",
] as const;

const TERMS = [
  "Jira", "GitHub", "GitLab", "Salesforce", "HubSpot", "Zendesk", "Freshdesk", "Okta", "Azure AD", "Google Workspace",
  "Outlook", "Jenkins", "PagerDuty", "Opsgenie", "Grafana", "Sentry", "Trello", "Asana", "Notion", "Confluence",
] as const;

const DEVICES = ["Chrome", "Firefox", "Safari", "Edge", "Windows 11", "macOS", "Ubuntu", "a Pixel phone", "a Galaxy tablet", "an iPad"] as const;

const CITIES = ["Lisbon", "Nairobi", "Manila", "Toronto", "Berlin", "São Paulo", "Auckland", "Singapore", "Dublin", "Austin"] as const;

const HEADINGS = [
  (s: string) => `How ${s} work`, (s: string) => `Before you start with ${s}`, (s: string) => `Who can change ${s}`,
  (s: string) => `Turning ${s} on or off`, (s: string) => `Limits on ${s}`, () => "What customers see",
  () => "What changes for guests", (s: string) => `Common questions about ${s}`, () => "Checking that it worked",
  () => "Undoing a change", (s: string) => `Settings that affect ${s}`, () => "When to ask for help",
  () => "Good habits", (s: string) => `Reporting a problem with ${s}`, () => "Step by step",
] as const;

const SETTINGS = [
  "Retention period", "Default visibility", "Who can invite", "Notification sound", "Link previews", "Guest access",
  "Message editing window", "File size limit", "Session length", "Two-factor requirement", "Export format",
  "Time zone", "Language", "Read receipts", "Typing indicators",
] as const;
const SETTING_VALUES = [
  "Off", "On", "30 days", "90 days", "1 year", "Forever", "Owners only", "Everyone", "Administrators", "24 hours",
  "12 hours", "CSV", "JSON", "Automatic", "Ask each time", "100 MB", "Workspace default",
] as const;

const TAGS = [
  "accounts", "notifications", "security", "mobile", "desktop", "admin", "billing", "api", "channels", "search",
  "files", "calls", "onboarding", "tickets", "integrations", "privacy", "exports", "bots",
] as const;

const KEYWORD_PHRASES = [
  "not working", "broken", "missing", "how do I", "where is", "turn off", "can't find", "stopped", "slow",
  "settings", "permission denied", "greyed out", "error message", "keeps asking", "disappeared",
] as const;

const CODE_RESOURCES = ["channels", "users", "messages", "webhooks", "exports", "groups", "tokens", "rooms"] as const;

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const yamlString = (text: string) => JSON.stringify(text);
const yamlList = (items: readonly string[]) => `[${items.map(yamlString).join(", ")}]`;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

interface Plan {
  id: string;
  title: string;
  action: string;
  subject: string;
  /** A few neighbouring subjects the article also talks about, as real articles stay on topic. */
  related: string[];
  context: string;
  category: SyntheticCategory;
}

/** Distinct titles and file names, none clashing with the existing articles. */
function planArticles(input: SyntheticInput, random: Random): Plan[] {
  const titles = new Set((input.existing ?? []).map((a) => a.title.trim().toLowerCase()));
  const slugs = new Set((input.existing ?? []).map((a) => articleSlug(a.id)));
  const plans: Plan[] = [];
  for (let i = 0; i < input.count; i++) {
    let action = "";
    let subject = "";
    let context = "";
    let title = "";
    for (let attempt = 0; ; attempt++) {
      action = random.pick(ACTIONS);
      subject = random.pick(SUBJECTS);
      context = random.pick(CONTEXTS);
      title = `${action} ${subject} ${context}`;
      // Past the number of combinations, a part number keeps titles distinct.
      if (attempt > 20) title = `${title} (part ${i + 1})`;
      if (!titles.has(title.toLowerCase()) && !slugs.has(slugify(title))) break;
    }
    titles.add(title.toLowerCase());
    const slug = slugify(title);
    slugs.add(slug);
    const category = input.categories[i % input.categories.length]!;
    const at = SUBJECTS.indexOf(subject as (typeof SUBJECTS)[number]);
    // Neighbours in the list, so articles about the same subject share the same related ones.
    const related = [1, 2, 3].map((d) => SUBJECTS[(at + d * 7) % SUBJECTS.length]!);
    plans.push({ id: `${category.id}/${slug}`, title, action, subject, related, context, category });
  }
  return plans;
}

class BodyWriter {
  readonly links: string[] = [];
  private readonly lines: string[] = [];
  private readonly random: Random;
  private readonly plan: Plan;
  private readonly linkTargets: () => { path: string; label: string };
  constructor(random: Random, plan: Plan, linkTargets: () => { path: string; label: string }) {
    this.random = random;
    this.plan = plan;
    this.linkTargets = linkTargets;
  }

  private link(): string {
    const target = this.linkTargets();
    this.links.push(target.path);
    return `[${target.label}](${target.path})`;
  }

  /** Mostly the article's own subject, sometimes a related one, rarely anything else. */
  private topic(): string {
    const roll = this.random.next();
    if (roll < 0.6) return this.plan.subject;
    if (roll < 0.92) return this.random.pick(this.plan.related);
    return this.random.pick(SUBJECTS);
  }

  private sentence(): string {
    const r = this.random;
    const subject = this.topic();
    switch (r.int(0, 8)) {
      case 0:
        return `${r.pick(ACTORS)} ${r.pick(VERBS)} ${subject} ${r.pick(PLACES)}.`;
      case 1:
        return `If ${r.pick(PROBLEMS)}, ${r.pick(REMEDIES)}.`;
      case 2:
        return `When you change ${subject}, ${r.pick(OUTCOMES)}.`;
      case 3:
        return `We recommend reviewing ${subject} ${r.pick(PLACES)}, because ${r.pick(REASONS)}.`;
      case 4:
        return `Teams that use ${r.pick(TERMS)} often connect it to ${subject}; ${r.pick(OUTCOMES)}.`;
      case 5:
        return `Error PX-${r.int(1000, 9999)} means ${r.pick(PROBLEMS).replace(/^a |^the /, "the ")}; ${r.pick(REMEDIES)}.`;
      case 6:
        return `On ${r.pick(DEVICES)}, ${r.pick(PROBLEMS)} more often; ${r.pick(REMEDIES)}.`;
      case 7:
        return `Colleagues in ${r.pick(CITIES)} and ${r.pick(CITIES)} see ${subject} in their own time zone, so ${r.pick(OUTCOMES)}.`;
      default:
        return `${capitalise(subject)} behave the same way ${r.pick(CONTEXTS)}, so ${r.pick(OUTCOMES)}.`;
    }
  }

  private paragraph(withLink: boolean): string {
    const sentences = Array.from({ length: this.random.int(2, 5) }, () => this.sentence());
    if (withLink) {
      const at = this.random.int(0, sentences.length - 1);
      sentences.splice(at, 0, `See ${this.link()} for the details.`);
    }
    return sentences.join(" ");
  }

  private list(ordered: boolean): string {
    const items = Array.from({ length: this.random.int(3, 6) }, () => {
      const text = this.sentence();
      return this.random.chance(0.3) ? `**${capitalise(this.topic())}.** ${text}` : text;
    });
    return items.map((item, i) => (ordered ? `${i + 1}. ${item}` : `- ${item}`)).join("\n");
  }

  private table(): string {
    const rows = this.random.sample(SETTINGS, this.random.int(3, 6));
    const body = rows.map((s) => `| ${s} | ${this.random.pick(SETTING_VALUES)} | ${this.random.pick(ACTORS)} |`);
    return ["| Setting | Default | Who can change it |", "| --- | --- | --- |", ...body].join("\n");
  }

  private code(): string {
    const r = this.random;
    const resource = r.pick(CODE_RESOURCES);
    switch (r.int(0, 2)) {
      case 0:
        return [
          "```sh",
          `curl -H "Authorization: Bearer $PARLEY_TOKEN" \\`,
          `  "https://chat.example.com/api/v1/${resource}?limit=${r.int(10, 200)}"`,
          "```",
        ].join("\n");
      case 1:
        return [
          "```json",
          "{",
          `  "${resource.slice(0, -1)}": "${slugify(r.pick(SUBJECTS))}",`,
          `  "enabled": ${r.chance(0.5)},`,
          `  "retentionDays": ${r.int(1, 365)},`,
          `  "owner": "${slugify(r.pick(ACTORS))}"`,
          "}",
          "```",
        ].join("\n");
      default:
        return [
          "```yaml",
          `${resource}:`,
          `  default: ${slugify(r.pick(SETTING_VALUES))}`,
          `  notify: ${r.chance(0.5)}`,
          `  owners: [${slugify(r.pick(ACTORS))}]`,
          "```",
        ].join("\n");
    }
  }

  private push(block: string) {
    this.lines.push(block, "");
  }

  write(): string {
    const r = this.random;
    this.push(this.paragraph(true));
    const headings = r.sample(HEADINGS, r.int(3, 6)).map((h) => h(this.plan.subject));
    for (const heading of headings) {
      this.push(`## ${heading}`);
      this.push(this.paragraph(r.chance(0.4)));
      if (r.chance(0.5)) this.push(this.list(false));
      if (r.chance(0.25)) this.push(this.table());
      if (r.chance(0.2)) this.push(this.code());
      if (r.chance(0.15)) {
        this.push(`<Callout type="${r.pick(["tip", "note", "warning"])}" title="${capitalise(r.pick(REASONS))}">`);
        this.push(this.sentence());
        this.push("</Callout>");
      }
      if (r.chance(0.12)) {
        this.push("<Steps>");
        this.push(this.list(true));
        this.push("</Steps>");
      }
      if (r.chance(0.35)) {
        this.push(`### ${capitalise(r.pick(PROBLEMS))}`);
        this.push(this.paragraph(r.chance(0.3)));
      }
    }
    return this.lines.join("\n").trimEnd() + "\n";
  }
}

/**
 * Generates `count` articles spread evenly over the categories. The same inputs always give
 * byte-identical files.
 */
export function generateArticles(input: SyntheticInput): SyntheticArticle[] {
  if (!input.categories.length || !input.teams.length) throw new Error("generateArticles needs categories and teams");
  const random = createRandom(input.seed);
  const plans = planArticles(input, random);
  const today = input.today ?? "2026-01-01";
  const existing = input.existing ?? [];
  const titleOf = new Map<string, string>([
    ...existing.map((a) => [a.id, a.title] as const),
    ...plans.map((p) => [p.id, p.title] as const),
  ]);
  const articleIds = [...titleOf.keys()];
  const pages = input.pages ?? [];

  return plans.map((plan) => {
    const others = (): string => {
      for (;;) {
        const id = random.pick(articleIds);
        if (id !== plan.id) return id;
      }
    };
    const linkTarget = () => {
      if (pages.length && random.chance(0.15)) {
        const path = random.pick(pages);
        return { path, label: random.pick(["the support portal", "this page", "the overview", "the reference"]) };
      }
      const id = articleIds.length > 1 ? others() : plan.id;
      const title = titleOf.get(id)!;
      return { path: articleUrl(id), label: title.charAt(0).toLowerCase() + title.slice(1) };
    };
    const writer = new BodyWriter(random, plan, linkTarget);
    const body = writer.write();
    const relatedCount = articleIds.length > 1 ? random.int(0, Math.min(4, articleIds.length - 1)) : 0;
    const related = new Set<string>();
    while (related.size < relatedCount) related.add(others());

    const audience = random.sample(plan.category.audience, random.int(1, plan.category.audience.length));
    const frontmatter: SyntheticFrontmatter = {
      title: plan.title,
      description: `How to handle ${plan.subject} ${plan.context}: ${random.pick(OUTCOMES)}, and what to do if ${random.pick(PROBLEMS)}.`,
      audience,
      category: plan.category.id,
      owner: random.pick(input.teams),
      reviewBy: addDays(today, random.int(30, 900)),
      tags: random.sample(TAGS, random.int(1, 3)),
      keywords: [
        `${plan.subject} ${random.pick(KEYWORD_PHRASES)}`,
        ...random.sample(KEYWORD_PHRASES, random.int(0, 2)).map((k) => `${k} ${random.pick(plan.related)}`),
      ],
      related: [...related],
    };
    if (random.chance(0.1)) frontmatter.updated = addDays(today, -random.int(1, 400));
    if (random.chance(0.3)) frontmatter.order = random.int(1, 40);

    const yaml = [
      `title: ${yamlString(frontmatter.title)}`,
      `description: ${yamlString(frontmatter.description)}`,
      `audience: ${yamlList(frontmatter.audience)}`,
      `category: ${frontmatter.category}`,
      `owner: ${frontmatter.owner}`,
      `reviewBy: ${frontmatter.reviewBy}`,
      ...(frontmatter.updated ? [`updated: ${frontmatter.updated}`] : []),
      ...(frontmatter.order !== undefined ? [`order: ${frontmatter.order}`] : []),
      `tags: ${yamlList(frontmatter.tags)}`,
      `keywords: ${yamlList(frontmatter.keywords)}`,
      `related: ${yamlList(frontmatter.related)}`,
    ];
    return {
      id: plan.id,
      file: `${plan.id}.mdx`,
      frontmatter,
      links: writer.links,
      source: `---\n${yaml.join("\n")}\n---\n\n${body}`,
    };
  });
}

/**
 * Search queries a reader could type, drawn from the generated text: a subject, a subject with its
 * context (two and three words, as readers type more than one word), a question around a subject,
 * and, one in ten, a subject misspelt by two swapped letters (which makes search download its
 * vocabulary to correct it). Distinct, deterministic from the seed.
 */
export function searchQueries(articles: readonly SyntheticArticle[], count: number, seed: number): string[] {
  const random = createRandom(seed ^ 0x5eed);
  const queries = new Set<string>();
  const words = (text: string) =>
    text.toLowerCase().replace(/[^a-z0-9\s-]/g, " ").split(/\s+/).filter((w) => w.length > 3 && !STOP_WORDS.has(w));
  const misspelt = (word: string) => `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`;
  for (let attempt = 0; queries.size < count && attempt < count * 50 && articles.length; attempt++) {
    const { frontmatter } = random.pick(articles);
    const title = words(frontmatter.title);
    const keyword = words(frontmatter.keywords[0] ?? "");
    const pair = random.int(0, Math.max(0, title.length - 2));
    const triple = random.int(0, Math.max(0, title.length - 3));
    const long = title.find((w) => w.length >= 6 && w[2] !== w[3]);
    const query =
      queries.size % 10 === 7
        ? long && misspelt(long)
        : random.pick([
            random.pick(title) ?? "",
            title.slice(pair, pair + 2).join(" "),
            keyword.slice(0, 2).join(" "),
            title.length >= 3 ? title.slice(triple, triple + 3).join(" ") : "",
            title.length >= 2 ? `how do i ${title.slice(pair, pair + 2).join(" ")}` : "",
          ]);
    if (query) queries.add(query);
  }
  return [...queries];
}

const STOP_WORDS = new Set(["with", "when", "after", "before", "during", "across", "from", "into", "that", "this", "whole"]);
