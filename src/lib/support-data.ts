// The support facts the ticket endpoint and the SLA pages share: priorities, tiers, plans,
// departments, business hours and the chat alert rules. Read from content/ and cross-checked once.
import { ContentError, type ContentProblem } from "./content-errors.ts";
import { contentPath, displayPath, readYamlList, readYamlObject } from "./content-files.ts";
import {
  alertsFileSchema,
  departmentSchema,
  planSchema,
  priorityLevelSchema,
  productAreaSchema,
  supportTierSchema,
  type AlertsFile,
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
  /** Chat alert destinations and rules (alerts.yaml), checked against the departments and plans. */
  alerts: AlertsFile;
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
  alerts: "data/alerts.yaml",
  synonyms: "data/synonyms.yaml",
} as const;

export function loadSupportData(): SupportData {
  // Every file is read even when an earlier one fails, so one run lists the problems of all of them.
  const problems: ContentProblem[] = [];
  const read = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const priorities = read(() => readYamlList(contentPath(DATA_FILES.priorities), priorityLevelSchema));
  const tiers = read(() => readYamlList(contentPath(DATA_FILES.tiers), supportTierSchema));
  const plans = read(() => readYamlList(contentPath(DATA_FILES.plans), planSchema));
  const departments = read(() => readYamlList(contentPath(DATA_FILES.departments), departmentSchema));
  const productAreas = read(() => readYamlList(contentPath(DATA_FILES.productAreas), productAreaSchema));
  const site = read(() => readSiteConfig());
  // The rules name departments and plans: checked against those files when they could be read.
  const refs = { departments: departments?.map((d) => d.id) ?? null, plans: plans?.map((p) => p.id) ?? null };
  const alerts = read(() => readYamlObject(contentPath(DATA_FILES.alerts), alertsFileSchema(refs)));
  if (!priorities || !tiers || !plans || !departments || !productAreas || !site || !alerts) throw new ContentError(problems);
  const data: SupportData = { priorities, tiers, plans, departments, productAreas, businessHours: site.businessHours, alerts };
  problems.push(...crossCheckPlans(data));
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
