// Every shape of content that support staff edit, defined once. The Astro content config, the
// content checker, the ticket endpoint and the tests all import these schemas.
import { z } from "zod";
import { unknownFieldMessage } from "./unknown-fields.ts";

import { AUDIENCES } from "./audiences.ts";
import { phraseKey } from "./search-synonyms.ts";

export { AUDIENCES, AUDIENCE_LABELS, type Audience } from "./audiences.ts";

export const PRIORITIES = ["High", "Medium", "Low"] as const;
export type Priority = (typeof PRIORITIES)[number];

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Route segments that pages already use; a category with one of these ids would shadow a page. */
export const RESERVED_SLUGS = [
  "search",
  "tickets",
  "support",
  "channels",
  "onboarding",
  "staff",
  "api",
  "pagefind",
  "rss.xml",
  "sitemap",
  "404",
  "privacy",
];

/**
 * An object that rejects fields it does not define, one message per unknown field ("did you mean
 * draft?"), so a misspelt field fails the check and the build instead of being silently dropped.
 * Every schema of content that people edit is built with it.
 */
function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape, { error: unknownFieldsError(Object.keys(shape)) });
}

/** A record with a fixed set of keys (the priorities), rejecting any other key the same way. */
function closedRecord<Key extends readonly [string, ...string[]], Value extends z.ZodType>(keys: Key, what: string, value: Value) {
  return z.record(oneOf(keys, what), value, { error: unknownFieldsError(keys) });
}

function unknownFieldsError(known: readonly string[]) {
  return (issue: z.core.$ZodRawIssue) =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => unknownFieldMessage(key, known)).join("\n") : undefined;
}

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "use lowercase letters, digits and single hyphens, like getting-started",
  });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "write the date as YYYY-MM-DD" });

/** A date written in YAML as 2027-03-31: js-yaml turns it into a Date, the yaml package keeps a string. */
const calendarDate = z.union([z.date(), isoDay], {
  error: "write the date as YYYY-MM-DD, for example 2027-03-31",
}).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `"${String(value)}" is not a real calendar date` });
    return z.NEVER;
  }
  return date;
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  error: "write the time as HH:MM on a 24-hour clock, like 08:00 or 20:00",
});

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: "use an IANA time zone name, like America/Sao_Paulo or Europe/Berlin" },
);

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `${what} must be one of: ${values.join(", ")}` });

const audienceList = z
  .array(oneOf(AUDIENCES, "audience"), { error: `list one or more of: ${AUDIENCES.join(", ")}` })
  .min(1, { error: `list at least one audience: ${AUDIENCES.join(", ")}` });

export const businessHoursSchema = closedObject({
  timeZone,
  days: z.array(oneOf(WEEKDAYS, "each day")).min(1, { error: "list at least one working day" }),
  open: clockTime,
  close: clockTime,
  holidays: z.array(isoDay).default([]),
}).refine((h) => h.open < h.close, { error: "open must be earlier than close", path: ["close"] });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const siteConfigSchema = closedObject({
  name: z.string().min(1),
  organisation: z.string().min(1),
  product: z.string().min(1),
  tagline: z.string().min(1),
  url: z.url({ error: "write the public address of the site, like https://help.example.com" }),
  logo: z.string().startsWith("/", { error: "point to a file under public/, like /logo.svg" }),
  language: z.string().default("en"),
  repository: closedObject({
    url: z.url({ error: "write the repository address, like https://github.com/example/help" }),
    branch: z.string().default("main"),
  }),
  support: closedObject({
    email: z.email({ error: "write an email address, like support@example.com" }),
    hotline: z.string().min(1),
    forum: z.url().optional(),
  }),
  businessHours: businessHoursSchema,
  tickets: closedObject({
    endpoint: z.string().startsWith("/").default("/api/tickets"),
  }),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;

export const teamSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  channel: z.string().regex(/^#[a-z0-9-]+$/, { error: "write the channel as #name" }),
  description: z.string().min(1),
});
export type Team = z.infer<typeof teamSchema>;

export const categorySchema = closedObject({
  id: slug.refine((id) => !RESERVED_SLUGS.includes(id), {
    error: `this id is taken by a page; avoid: ${RESERVED_SLUGS.join(", ")}`,
  }),
  title: z.string().min(1),
  description: z.string().min(1),
  audience: audienceList,
  order: z.number().int({ error: "order is a whole number; lower comes first" }),
});
export type Category = z.infer<typeof categorySchema>;

/** What the article schema must know about the rest of the content to check references. */
export interface ArticleReferences {
  categories: readonly string[];
  teams: readonly string[];
}

export function articleSchema(refs: ArticleReferences) {
  const categoryIds = refs.categories.length ? refs.categories : ["(no categories defined)"];
  const teamIds = refs.teams.length ? refs.teams : ["(no teams defined)"];
  return closedObject({
    title: z.string({ error: "every article needs a title" }).min(3).max(120),
    description: z
      .string({ error: "add a one-sentence description; it shows in search results and link previews" })
      .min(20, { error: "write at least 20 characters: a full sentence readers see in search results" })
      .max(300, { error: "keep the description under 300 characters" }),
    audience: audienceList,
    category: z.enum(categoryIds as [string, ...string[]], {
      error: `category must be one of: ${categoryIds.join(", ")} (see content/data/categories.yaml)`,
    }),
    tags: z.array(z.string().min(1)).default([]),
    owner: z.enum(teamIds as [string, ...string[]], {
      error: `owner must be a team id: ${teamIds.join(", ")} (see content/data/teams.yaml)`,
    }),
    reviewBy: calendarDate,
    updated: calendarDate.optional(),
    /** The day the owner last confirmed the article is right; without it, the day it last changed. */
    lastReviewed: calendarDate.optional(),
    related: z
      .array(
        z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, {
          error: "name related articles as category/slug, like getting-started/first-day",
        }),
      )
      .default([]),
    keywords: z.array(z.string().min(1)).default([]),
    order: z.number({ error: "order is a number; lower numbers come first in the category" }).int().optional(),
    draft: z.boolean({ error: "draft is true or false" }).default(false),
  });
}
export type ArticleData = z.infer<ReturnType<typeof articleSchema>>;

export const priorityLevelSchema = closedObject({
  id: oneOf(PRIORITIES, "id"),
  rank: z.number().int().min(1),
  summary: z.string().min(1),
  definition: z.string().min(1),
  examples: z.array(z.string().min(1)).min(1, { error: "give at least one example a customer would recognise" }),
});
export type PriorityLevel = z.infer<typeof priorityLevelSchema>;

export const supportTierSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  summary: z.string().min(1),
  hotline: z.boolean(),
  channels: z.array(z.string().min(1)).default([]),
  /** First-response target per priority; null means no contractual target (best effort). */
  firstResponse: closedRecord(
    PRIORITIES,
    "priority",
    closedObject({
      minutes: z.number().int().positive({ error: "minutes must be a positive whole number" }),
      clock: z.enum(["business-hours", "24x7"], {
        error: "clock must be business-hours or 24x7",
      }),
    }).nullable(),
  ),
});
export type SupportTier = z.infer<typeof supportTierSchema>;

export const departmentSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
  handles: z.array(z.string().min(1)).min(1),
});
export type Department = z.infer<typeof departmentSchema>;

/** What a plan costs. Sample figures live in plans.yaml; pages show them through <PlanPrices />. */
export const planPriceSchema = z.discriminatedUnion(
  "billing",
  [
    closedObject({
      billing: z.literal("free"),
      /** A free period that ends, like a trial; without it the plan is free for as long as it is used. */
      days: z.number().int().positive({ error: "days is a whole number of days, like 30" }).optional(),
    }),
    closedObject({
      billing: z.literal("per-user"),
      currency: z.string().regex(/^[A-Z]{3}$/, { error: "write the currency as a three-letter code, like USD or EUR" }),
      /** Per user per month, paid month by month. */
      monthly: z.number().positive({ error: "monthly is the price per user per month, like 7" }),
      /** Per user per year, paid for a year at once. */
      yearly: z.number().positive({ error: "yearly is the price per user for a year paid at once, like 72" }).optional(),
    }),
    closedObject({ billing: z.literal("quote") }),
  ],
  { error: "billing must be one of: free, per-user, quote" },
);
export type PlanPrice = z.infer<typeof planPriceSchema>;

export const planSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
  tier: slug,
  department: slug,
  /** true: bought, changed and cancelled by the workspace's admins; false: arranged with Customer Success. */
  selfService: z.boolean().default(true),
  /** Left out for entries that are not something a customer buys, like "Evaluating (no plan yet)". */
  price: planPriceSchema.optional(),
});
export type Plan = z.infer<typeof planSchema>;

export const intakeRouteSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  usedBy: z.string().min(1),
  channelField: z.string().min(1),
  createsTicket: z.boolean(),
  defaultPriority: oneOf(PRIORITIES, "defaultPriority").nullable().default(null),
  howToRecognise: z.string().min(1),
  notes: z.string().optional(),
});
export type IntakeRoute = z.infer<typeof intakeRouteSchema>;

export const CHANNEL_KINDS = ["company", "team", "multi-team", "client"] as const;
export const CHANNEL_VISIBILITY = ["public", "private", "read-only"] as const;

export const channelSchema = closedObject({
  // The naming conventions (channel-naming.yaml, "How we name channels") allow no dots or capitals.
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "channel names are lowercase letters and digits, with single hyphens between words and without the #",
  }),
  kind: oneOf(CHANNEL_KINDS, "kind"),
  visibility: oneOf(CHANNEL_VISIBILITY, "visibility"),
  purpose: z.string().min(1),
  owner: slug,
  joinOnDayOne: z.boolean().default(false),
});
export type Channel = z.infer<typeof channelSchema>;

export const namingRuleSchema = closedObject({
  id: slug,
  appliesTo: z.string().min(1),
  pattern: z.string().min(1),
  example: z.string().min(1),
  why: z.string().min(1),
});
export type NamingRule = z.infer<typeof namingRuleSchema>;

export const productAreaSchema = closedObject({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
});
export type ProductArea = z.infer<typeof productAreaSchema>;

const articleId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, {
  error: "name the article as category/slug, like getting-started/your-first-day",
});

export const onboardingStageSchema = closedObject({
  id: slug,
  title: z.string().min(1),
  when: z.string().min(1),
  summary: z.string().min(1),
  article: articleId.optional(),
  tasks: z
    .array(
      closedObject({
        id: slug,
        text: z.string().min(1),
        article: articleId.optional(),
      }),
    )
    .min(1, { error: "give each stage at least one task" }),
});
export type OnboardingStage = z.infer<typeof onboardingStageSchema>;

export const ALERT_FORMATS = ["rocketchat", "slack", "mattermost", "teams"] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];
export const ALERT_FORMAT_NAMES: Record<AlertFormat, string> = {
  rocketchat: "Rocket.Chat",
  slack: "Slack",
  mattermost: "Mattermost",
  teams: "Microsoft Teams",
};

/** Chat products whose incoming webhooks take a channel in the message; Slack's and Teams' are bound to one. */
const CHANNEL_OVERRIDE_FORMATS: readonly AlertFormat[] = ["rocketchat", "mattermost"];


/**
 * What alerts.yaml may name from the rest of the content; null when that file could not be read
 * (its own problems are reported), so the rules are still checked for everything else.
 */
export interface AlertReferences {
  departments: readonly string[] | null;
  plans: readonly string[] | null;
}

export function alertsFileSchema(refs: AlertReferences) {
  const idsOf = (ids: readonly string[] | null, what: string, file: string) =>
    ids === null
      ? slug
      : z.enum((ids.length ? ids : [`(no ${what} defined)`]) as [string, ...string[]], {
          error: `use ${what} ids from content/data/${file}: ${ids.join(", ")}`,
        });
  const destination = closedObject({
    id: slug,
    /** How the team knows the place, e.g. "#support-team"; shown in start-up lines and `npm run tickets`. */
    name: z.string().min(1, { error: "name the place people read, like #support-team" }),
    format: oneOf(ALERT_FORMATS, "format"),
    /** Rocket.Chat and Mattermost only: post to this channel instead of the webhook's own. */
    channel: z
      .string()
      .regex(/^[#@][^\s#@]+$/, { error: "write a channel as #name or a person as @username" })
      .optional(),
  }).refine((d) => d.channel === undefined || CHANNEL_OVERRIDE_FORMATS.includes(d.format), {
    error: "Slack and Microsoft Teams webhooks always post where they were created; remove channel, or make the webhook in that channel",
    path: ["channel"],
  });
  const rule = closedObject({
    id: slug,
    /** Why the rule exists, for the next person who edits the file. */
    description: z.string().min(1, { error: "say in a sentence which tickets this rule is for and why" }),
    destination: slug,
    when: closedObject({
      priorities: z.array(oneOf(PRIORITIES, "each priority")).min(1).optional(),
      departments: z.array(idsOf(refs.departments, "department", "departments.yaml")).min(1).optional(),
      plans: z.array(idsOf(refs.plans, "plan", "plans.yaml")).min(1).optional(),
    }).default({}),
    newTicket: z.boolean({ error: "newTicket is true or false" }).default(true),
    warnMinutesBefore: z
      .number()
      .int({ error: "warnMinutesBefore is a whole number of minutes, like 30" })
      .positive({ error: "warnMinutesBefore is a whole number of minutes, like 30" })
      .nullable()
      .default(null),
    breach: z.boolean({ error: "breach is true or false" }).default(false),
    includeDescription: z.boolean({ error: "includeDescription is true or false" }).default(false),
    includeAttachmentNames: z.boolean({ error: "includeAttachmentNames is true or false" }).default(false),
  }).refine((r) => r.newTicket || r.warnMinutesBefore !== null || r.breach, {
    error: "this rule sends nothing: set newTicket: true, a warnMinutesBefore, or breach: true",
    path: ["newTicket"],
  });
  return closedObject({
    destinations: z.array(destination).default([]),
    rules: z.array(rule).default([]),
  }).superRefine(
    (file, ctx) => {
      // Runs even when an entry has other problems (see `when`), so the value may be partly invalid.
      const entries = (value: unknown): { id?: unknown; destination?: unknown }[] =>
        Array.isArray(value) ? value.filter((v) => v && typeof v === "object") : [];
      const destinations = entries(file.destinations).map((d) => d.id);
      for (const key of ["destinations", "rules"] as const) {
        const first = new Map<unknown, number>();
        entries(file[key]).forEach((item, index) => {
          const earlier = first.get(item.id);
          if (earlier !== undefined) {
            ctx.addIssue({ code: "custom", path: [key, index, "id"], message: `"${String(item.id)}" is already used by entry ${earlier}; ids must be unique` });
          } else if (typeof item.id === "string") first.set(item.id, index);
        });
      }
      entries(file.rules).forEach((r, index) => {
        if (typeof r.destination === "string" && !destinations.includes(r.destination)) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", index, "destination"],
            message: `"${r.destination}" is not a destination in this file; use one of: ${destinations.join(", ") || "(add one under destinations)"}`,
          });
        }
      });
    },
    // Report a rule naming a missing destination in the same run as every other problem in the file.
    { when: () => true },
  );
}
export type AlertsFile = z.output<ReturnType<typeof alertsFileSchema>>;
export type AlertDestination = AlertsFile["destinations"][number];
export type AlertRule = AlertsFile["rules"][number];

// A word or phrase as a reader would search it: letters, digits, spaces, hyphens and apostrophes.
const searchPhrase = z
  .string()
  .trim()
  .max(60, { error: "keep it under 60 characters: a word or a short phrase" })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}'’ -]*$/u, {
    error: "write a word or a short phrase: letters, digits, spaces, hyphens and apostrophes",
  });

/** One entry of synonyms.yaml: readers' words for something the articles call `id`. */
export const synonymSchema = closedObject({
  id: searchPhrase,
  readersSay: z
    .array(searchPhrase, { error: "list the words readers type, like [2fa, mfa]" })
    .min(1, { error: "list at least one word readers type instead" }),
});
export type Synonym = z.infer<typeof synonymSchema>;

/**
 * The whole synonyms.yaml: a reader's word may stand for one thing only, and never for itself, so
 * a search cannot be sent two ways at once.
 */
export const synonymListSchema = z.array(synonymSchema).superRefine((entries, ctx) => {
  const firstUse = new Map<string, { entry: number; phrase: string }>();
  const ids = new Map<string, number>();
  entries.forEach((entry, index) => {
    const id = phraseKey(entry.id);
    if (ids.has(id)) {
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `"${entry.id}" already has an entry (entry ${ids.get(id)}); add these words to it instead` });
    }
    ids.set(id, index);
    entry.readersSay.forEach((phrase, position) => {
      const key = phraseKey(phrase);
      const path = [index, "readersSay", position];
      if (key === phraseKey(entry.id)) {
        ctx.addIssue({ code: "custom", path, message: `"${phrase}" is the entry's own id; list only other words readers type` });
      } else if (firstUse.has(key)) {
        const other = firstUse.get(key)!;
        const message =
          other.entry === index
            ? `"${phrase}" searches the same as "${other.phrase}" (case, hyphens and apostrophes do not count); keep one`
            : `"${phrase}" is already listed for "${entries[other.entry]!.id}" (entry ${other.entry}); a reader's word can lead to one place only`;
        ctx.addIssue({ code: "custom", path, message });
      } else {
        firstUse.set(key, { entry: index, phrase });
      }
    });
  });
});
