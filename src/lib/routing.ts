// Which department handles a ticket and which support tier applies, decided by the plan alone
// (content/data/plans.yaml). The plan is the customer's own claim: a routing hint, while the
// helpdesk stays the authority on entitlement.
import type { Department, Plan, SupportTier } from "./content-schemas.ts";
import type { SupportData } from "./support-data.ts";

export interface TicketRoute {
  plan: Plan;
  department: Department;
  tier: SupportTier;
}

export class UnknownPlanError extends Error {
  readonly planId: string;
  constructor(planId: string, plans: readonly Plan[]) {
    super(`"${planId}" is not a plan we know; choose one of: ${plans.map((p) => p.name).join(", ")}`);
    this.name = "UnknownPlanError";
    this.planId = planId;
  }
}

export function departmentForPlan(
  planId: string,
  data: Pick<SupportData, "plans" | "departments" | "tiers">,
): TicketRoute {
  const plan = data.plans.find((p) => p.id === planId);
  if (!plan) throw new UnknownPlanError(planId, data.plans);
  const department = data.departments.find((d) => d.id === plan.department);
  const tier = data.tiers.find((t) => t.id === plan.tier);
  // loadSupportData() cross-checks plans, so this only trips on hand-built data.
  if (!department || !tier) {
    throw new Error(
      `Plan "${plan.id}" names ${department ? "" : `department "${plan.department}" `}${tier ? "" : `tier "${plan.tier}" `}that is not defined; fix content/data/plans.yaml`,
    );
  }
  return { plan, department, tier };
}
