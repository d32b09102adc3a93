// Shows, next to each priority, how quickly the chosen plan gets a first answer, and when that
// would be if the ticket were sent now, from the same SLA data and calendar the endpoint uses.
import type { BusinessHours, Priority, SupportTier } from "../lib/content-schemas.ts";
import { firstResponseDue } from "../lib/sla.ts";
import { describeTarget } from "../lib/support-text.ts";

interface SlaData {
  businessHours: BusinessHours;
  plans: Record<string, { name: string; tier: string }>;
  tiers: Record<string, { name: string; firstResponse: SupportTier["firstResponse"]; hotline: boolean }>;
}

const localTime = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

export function initResponsePreview(form: HTMLFormElement) {
  const source = document.getElementById("sla-data");
  const preview = form.querySelector<HTMLElement>("[data-response-preview]");
  const planSelect = form.querySelector<HTMLSelectElement>('[name="plan"]');
  if (!source || !preview || !planSelect) return;
  const data = JSON.parse(source.textContent ?? "{}") as SlaData;
  const initialText = preview.innerHTML;

  const render = () => {
    const plan = data.plans[planSelect.value];
    const tier = plan ? data.tiers[plan.tier] : undefined;
    const priority = (form.querySelector<HTMLInputElement>('[name="priority"]:checked')?.value ?? "Medium") as Priority;
    for (const slot of form.querySelectorAll<HTMLElement>("[data-priority-target]")) {
      const p = slot.dataset.priorityTarget as Priority;
      slot.textContent = tier ? `First response ${describeTarget(tier.firstResponse[p] ?? null, data.businessHours)}` : "";
    }
    if (!plan || !tier) {
      preview.innerHTML = initialText;
      return;
    }
    const target = tier.firstResponse[priority] ?? null;
    const due = firstResponseDue(new Date(), target, data.businessHours);
    preview.textContent = due
      ? `On ${plan.name}, a ${priority} ticket gets a first response ${describeTarget(target, data.businessHours)}: if you send it now, by ${localTime.format(due)} your time.`
      : `On ${plan.name} there is no response-time commitment: we answer as soon as we can, and the community forum is often faster.`;
    if (priority === "High" && tier.hotline) preview.textContent += " You can also call the support hotline, day or night.";
  };
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "plan" || target.name === "priority") render();
  });
  render();
}
