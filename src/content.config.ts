// Collections and their schemas. The schemas themselves live in src/lib/content-schemas.ts so the
// content checker and the ticket endpoint validate with exactly the same rules.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import type { z } from "zod";
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
  teamSchema,
} from "./lib/content-schemas.ts";
import { DATA_FILES } from "./lib/support-data.ts";

function yamlCollection<S extends z.ZodType<{ id: string }>>(file: string, schema: S) {
  return defineCollection({ loader: async () => readYamlList(contentPath(file), schema), schema });
}

const categories = readYamlList(contentPath(DATA_FILES.categories), categorySchema);
const teams = readYamlList(contentPath(DATA_FILES.teams), teamSchema);

export const collections = {
  articles: defineCollection({
    loader: glob({ pattern: "**/*.mdx", base: contentPath("articles") }),
    schema: articleSchema({ categories: categories.map((c) => c.id), teams: teams.map((t) => t.id) }),
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
};
