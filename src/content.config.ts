// Collections and their schemas. The schemas themselves live in src/lib/content-schemas.ts so the
// content checker and the ticket endpoint validate with exactly the same rules.
import { defineCollection } from "astro:content";
import { z } from "zod";
import { articleLoader } from "./article-loader.ts";
import { contentPath, readYamlList } from "./lib/content-files.ts";
import {
  articleSchema,
  categorySchema,
  channelSchema,
  departmentSchema,
  intakeRouteSchema,
  namingRuleSchema,
  onboardingStageSchema,
  planSchema,
  priorityLevelSchema,
  productAreaSchema,
  supportTierSchema,
  synonymSchema,
  teamSchema,
} from "./lib/content-schemas.ts";
import { DATA_FILES } from "./lib/support-data.ts";

/**
 * A data file as a collection. Entries keep their position in the file, because the order support
 * staff wrote them in (tiers from basic to premium, plans from free to paid) is the order readers see.
 */
function yamlCollection<Shape extends z.ZodRawShape & { id: z.ZodType<string> }>(file: string, schema: z.ZodObject<Shape>) {
  return defineCollection({
    // The loader only needs ids; the collection's types come from `schema` below.
    loader: async () =>
      readYamlList(contentPath(file), schema as unknown as z.ZodType<{ id: string }>).map((entry, position) => ({ ...entry, position })),
    schema: schema.extend({ position: z.number().int() }),
  });
}

const categories = readYamlList(contentPath(DATA_FILES.categories), categorySchema);
const teams = readYamlList(contentPath(DATA_FILES.teams), teamSchema);
const articles = articleSchema({ categories: categories.map((c) => c.id), teams: teams.map((t) => t.id) });

export const collections = {
  articles: defineCollection({
    // Frontmatter only: the article page compiles the body from the file (src/article-body.ts).
    loader: articleLoader(contentPath("articles"), articles),
    schema: articles,
  }),
  categories: yamlCollection(DATA_FILES.categories, categorySchema),
  teams: yamlCollection(DATA_FILES.teams, teamSchema),
  priorities: yamlCollection(DATA_FILES.priorities, priorityLevelSchema),
  tiers: yamlCollection(DATA_FILES.tiers, supportTierSchema),
  plans: yamlCollection(DATA_FILES.plans, planSchema),
  departments: yamlCollection(DATA_FILES.departments, departmentSchema),
  intake: yamlCollection(DATA_FILES.intake, intakeRouteSchema),
  channels: yamlCollection(DATA_FILES.channels, channelSchema),
  naming: yamlCollection(DATA_FILES.naming, namingRuleSchema),
  productAreas: yamlCollection(DATA_FILES.productAreas, productAreaSchema),
  onboarding: yamlCollection(DATA_FILES.onboarding, onboardingStageSchema),
  synonyms: yamlCollection(DATA_FILES.synonyms, synonymSchema),
};
