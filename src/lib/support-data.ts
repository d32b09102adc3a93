// The support facts the ticket endpoint and the SLA pages share: priorities, tiers, plans,
// departments and business hours. Read from content/ and cross-checked once.
import { ContentError, type ContentProblem } from "./content-errors.ts";
import { contentPath, displayPath, readYamlList } from "./content-files.ts";
import {
  departmentSchema,
  planSchema,
  priorityLevelSchema,
  productAreaSchema,
  supportTierSchema,
  type BusinessHours,
  type Department,
  type Plan,
  type PriorityLevel,
  type ProductArea,
  type SupportTier,
} from "./content-schemas.ts";
import { readSiteConfig } from "./site-config.ts";

export interface SupportData {
  priorities: PriorityLevel[];
  tiers: SupportTier[];
  plans: Plan[];
  departments: Department[];
  productAreas: ProductArea[];
  businessHours: BusinessHours;
}

export const DATA_FILES = {
  priorities: "data/priorities.yaml",
  tiers: "data/sla.yaml",
  plans: "data/plans.yaml",
  departments: "data/departments.yaml",
  intake: "data/intake.yaml",
  channels: "data/channels.yaml",
  naming: "data/channel-naming.yaml",
  teams: "data/teams.yaml",
  categories: "data/categories.yaml",
  productAreas: "data/product-areas.yaml",
  onboarding: "data/onboarding.yaml",
  synonyms: "data/synonyms.yaml",
} as const;

export function loadSupportData(): SupportData {
  const data: SupportData = {
    priorities: readYamlList(contentPath(DATA_FILES.priorities), priorityLevelSchema),
    tiers: readYamlList(contentPath(DATA_FILES.tiers), supportTierSchema),
    plans: readYamlList(contentPath(DATA_FILES.plans), planSchema),
    departments: readYamlList(contentPath(DATA_FILES.departments), departmentSchema),
    productAreas: readYamlList(contentPath(DATA_FILES.productAreas), productAreaSchema),
    businessHours: readSiteConfig().businessHours,
  };
  const problems = crossCheckPlans(data);
  if (problems.length) throw new ContentError(problems);
  return data;
}

/** A plan that names a tier or department nobody defined would route tickets nowhere. */
export function crossCheckPlans(data: Pick<SupportData, "plans" | "tiers" | "departments">): ContentProblem[] {
  const file = displayPath(contentPath(DATA_FILES.plans));
  const tiers = data.tiers.map((t) => t.id);
  const departments = data.departments.map((d) => d.id);
  const problems: ContentProblem[] = [];
  data.plans.forEach((plan, index) => {
    if (!tiers.includes(plan.tier)) {
      problems.push({ file, field: `[${index}].tier`, message: `"${plan.tier}" is not a tier in ${DATA_FILES.tiers}; use one of: ${tiers.join(", ")}` });
    }
    if (!departments.includes(plan.department)) {
      problems.push({ file, field: `[${index}].department`, message: `"${plan.department}" is not in ${DATA_FILES.departments}; use one of: ${departments.join(", ")}` });
    }
  });
  return problems;
}
