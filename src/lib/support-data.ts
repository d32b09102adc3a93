// The support facts the ticket endpoint and the SLA pages share: priorities, tiers, plans,
// departments, business hours and the chat alert rules. Read from content/ and cross-checked once.
import { collectProblems, ContentError, type ContentProblem } from "./content-errors.ts";
import { contentPath, displayPath } from "./content-files.ts";
import type { AlertsFile, BusinessHours, Department, Plan, PriorityLevel, ProductArea, SupportTier } from "./content-schemas.ts";
import { DATA_FILES, readDataList, readDataObject } from "./data-files.ts";
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

export function loadSupportData(): SupportData {
  // Every file is read even when an earlier one fails, so one run lists the problems of all of them.
  const problems: ContentProblem[] = [];
  const read = <T>(load: () => T) => collectProblems(problems, load);
  const priorities = read(() => readDataList("priorities"));
  const tiers = read(() => readDataList("tiers"));
  const plans = read(() => readDataList("plans"));
  const departments = read(() => readDataList("departments"));
  const productAreas = read(() => readDataList("productAreas"));
  const site = read(() => readSiteConfig());
  // The rules name departments and plans: checked against those files when they could be read.
  const refs = { departments: departments?.map((d) => d.id) ?? null, plans: plans?.map((p) => p.id) ?? null };
  const alerts = read(() => readDataObject("alerts", refs));
  if (!priorities || !tiers || !plans || !departments || !productAreas || !site || !alerts) throw new ContentError(problems);
  const data: SupportData = { priorities, tiers, plans, departments, productAreas, businessHours: site.businessHours, alerts };
  problems.push(...crossCheckPlans(data));
  if (problems.length) throw new ContentError(problems);
  return data;
}

/** A plan that names a tier or department nobody defined would route tickets nowhere. */
export function crossCheckPlans(data: Pick<SupportData, "plans" | "tiers" | "departments">): ContentProblem[] {
  const file = displayPath(contentPath(DATA_FILES.plans.path));
  const tiers = data.tiers.map((t) => t.id);
  const departments = data.departments.map((d) => d.id);
  const problems: ContentProblem[] = [];
  data.plans.forEach((plan, index) => {
    if (!tiers.includes(plan.tier)) {
      problems.push({ file, field: `[${index}].tier`, message: `"${plan.tier}" is not a tier in ${DATA_FILES.tiers.path}; use one of: ${tiers.join(", ")}` });
    }
    if (!departments.includes(plan.department)) {
      problems.push({ file, field: `[${index}].department`, message: `"${plan.department}" is not in ${DATA_FILES.departments.path}; use one of: ${departments.join(", ")}` });
    }
  });
  return problems;
}
