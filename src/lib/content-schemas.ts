// Every shape of content that support staff edit, defined once. The Astro content config, the
// content checker, the ticket endpoint and the tests all import these schemas.
import { z } from "zod";

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
  "404",
  "privacy",
];

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

export const businessHoursSchema = z
  .object({
    timeZone,
    days: z.array(oneOf(WEEKDAYS, "each day")).min(1, { error: "list at least one working day" }),
    open: clockTime,
    close: clockTime,
    holidays: z.array(isoDay).default([]),
  })
  .refine((h) => h.open < h.close, { error: "open must be earlier than close", path: ["close"] });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const siteConfigSchema = z.object({
  name: z.string().min(1),
  organisation: z.string().min(1),
  product: z.string().min(1),
  tagline: z.string().min(1),
  url: z.url({ error: "write the public address of the site, like https://help.example.com" }),
  logo: z.string().startsWith("/", { error: "point to a file under public/, like /logo.svg" }),
  language: z.string().default("en"),
  repository: z.object({
    url: z.url({ error: "write the repository address, like https://github.com/example/help" }),
    branch: z.string().default("main"),
  }),
  support: z.object({
    email: z.email({ error: "write an email address, like support@example.com" }),
    hotline: z.string().min(1),
    forum: z.url().optional(),
  }),
  businessHours: businessHoursSchema,
  tickets: z.object({
    endpoint: z.string().startsWith("/").default("/api/tickets"),
  }),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;

export const teamSchema = z.object({
  id: slug,
  name: z.string().min(1),
  channel: z.string().regex(/^#[a-z0-9-]+$/, { error: "write the channel as #name" }),
  description: z.string().min(1),
});
export type Team = z.infer<typeof teamSchema>;

export const categorySchema = z.object({
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
  return z.object({
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

export const priorityLevelSchema = z.object({
  id: oneOf(PRIORITIES, "id"),
  rank: z.number().int().min(1),
  summary: z.string().min(1),
  definition: z.string().min(1),
  examples: z.array(z.string().min(1)).min(1, { error: "give at least one example a customer would recognise" }),
});
export type PriorityLevel = z.infer<typeof priorityLevelSchema>;

export const supportTierSchema = z.object({
  id: slug,
  name: z.string().min(1),
  summary: z.string().min(1),
  hotline: z.boolean(),
  channels: z.array(z.string().min(1)).default([]),
  /** First-response target per priority; null means no contractual target (best effort). */
  firstResponse: z.record(
    oneOf(PRIORITIES, "priority"),
    z
      .object({
        minutes: z.number().int().positive({ error: "minutes must be a positive whole number" }),
        clock: z.enum(["business-hours", "24x7"], {
          error: "clock must be business-hours or 24x7",
        }),
      })
      .nullable(),
  ),
});
export type SupportTier = z.infer<typeof supportTierSchema>;

export const departmentSchema = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
  handles: z.array(z.string().min(1)).min(1),
});
export type Department = z.infer<typeof departmentSchema>;

export const planSchema = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
  tier: slug,
  department: slug,
  selfService: z.boolean().default(true),
});
export type Plan = z.infer<typeof planSchema>;

export const intakeRouteSchema = z.object({
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

export const channelSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/, {
    error: "channel names are lowercase letters, digits, dots and hyphens, without the #",
  }),
  kind: oneOf(CHANNEL_KINDS, "kind"),
  visibility: oneOf(CHANNEL_VISIBILITY, "visibility"),
  purpose: z.string().min(1),
  owner: slug,
  joinOnDayOne: z.boolean().default(false),
});
export type Channel = z.infer<typeof channelSchema>;

export const namingRuleSchema = z.object({
  id: slug,
  appliesTo: z.string().min(1),
  pattern: z.string().min(1),
  example: z.string().min(1),
  why: z.string().min(1),
});
export type NamingRule = z.infer<typeof namingRuleSchema>;

export const productAreaSchema = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string().min(1),
});
export type ProductArea = z.infer<typeof productAreaSchema>;

const articleId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, {
  error: "name the article as category/slug, like getting-started/your-first-day",
});

export const onboardingStageSchema = z.object({
  id: slug,
  title: z.string().min(1),
  when: z.string().min(1),
  summary: z.string().min(1),
  article: articleId.optional(),
  tasks: z
    .array(
      z.object({
        id: slug,
        text: z.string().min(1),
        article: articleId.optional(),
      }),
    )
    .min(1, { error: "give each stage at least one task" }),
});
export type OnboardingStage = z.infer<typeof onboardingStageSchema>;

// A word or phrase as a reader would search it: letters, digits, spaces, hyphens and apostrophes.
const searchPhrase = z
  .string()
  .trim()
  .max(60, { error: "keep it under 60 characters: a word or a short phrase" })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}'’ -]*$/u, {
    error: "write a word or a short phrase: letters, digits, spaces, hyphens and apostrophes",
  });

/** One entry of synonyms.yaml: readers' words for something the articles call `id`. */
export const synonymSchema = z.object({
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
