import { describe, expect, test } from "vitest";
import { departmentForPlan, UnknownPlanError } from "../../src/lib/routing.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";

const data = loadSupportData();

describe("departmentForPlan", () => {
  test.each([
    ["enterprise", "paid-support", "standard"],
    ["enterprise-mission-critical", "paid-support", "mission-critical"],
    ["pro", "paid-support", "standard"],
    ["trial", "trials", "standard"],
    ["evaluating", "trials", "community"],
    ["starter", "community", "community"],
    ["community", "community", "community"],
  ])("routes plan %s to department %s with the %s tier", (plan, department, tier) => {
    const route = departmentForPlan(plan, data);
    expect(route.department.id).toBe(department);
    expect(route.tier.id).toBe(tier);
    expect(route.plan.id).toBe(plan);
  });

  test("returns the names people read, from the content files", () => {
    const route = departmentForPlan("enterprise-plus", data);
    expect(route.department.name).toBe("Paid Support");
    expect(route.tier.name).toBe("Support Plus");
  });

  test("an unknown plan is an UnknownPlanError naming the plan and the choices", () => {
    let error: unknown;
    try {
      departmentForPlan("gold", data);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownPlanError);
    expect((error as UnknownPlanError).planId).toBe("gold");
    expect((error as Error).message).toMatch(/^"gold" is not a plan we know; choose one of: Community edition, Starter/);
  });

  test("a plan pointing at a department that does not exist says which file to fix", () => {
    const broken = { ...data, plans: [{ ...data.plans[0]!, id: "odd", department: "nowhere" }] };
    expect(() => departmentForPlan("odd", broken)).toThrow(/department "nowhere" .*content\/data\/plans\.yaml/);
  });
});
