// Shows, next to each priority, how quickly the chosen plan gets a first answer, and when that
// would be if the ticket were sent now, from the same SLA data and calendar the endpoint uses.
import type { BusinessHours, Priority, SupportTier } from "../lib/content-schemas.ts";
import { firstResponseDue, formatDue } from "../lib/sla.ts";
import { describeTarget, firstResponseSentence } from "../lib/support-text.ts";

interface SlaData {
  businessHours: BusinessHours;
  plans: Record<string, { name: string; tier: string }>;
  tiers: Record<string, { name: string; firstResponse: SupportTier["firstResponse"]; hotline: boolean }>;
}

const readerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A contact link as the page renders it (SupportContact inside <template data-contact="hotline">), or null. */
function contactLink(kind: "hotline" | "forum"): Node | null {
  const template = document.querySelector<HTMLTemplateElement>(`template[data-contact="${kind}"]`);
  return template?.content.querySelector("a")?.cloneNode(true) ?? null;
}

export function initResponsePreview(form: HTMLFormElement) {
  const source = document.getElementById("sla-data");
  const preview = form.querySelector<HTMLElement>("[data-response-preview]");
  const planSelect = form.querySelector<HTMLSelectElement>('[name="plan"]');
  if (!source || !preview || !planSelect) return;
  const data = JSON.parse(source.textContent ?? "{}") as SlaData;
  const initial = [...preview.childNodes];

  const render = () => {
    const plan = data.plans[planSelect.value];
    const tier = plan ? data.tiers[plan.tier] : undefined;
    const priority = (form.querySelector<HTMLInputElement>('[name="priority"]:checked')?.value ?? "Medium") as Priority;
    for (const slot of form.querySelectorAll<HTMLElement>("[data-priority-target]")) {
      const p = slot.dataset.priorityTarget as Priority;
      slot.textContent = tier ? firstResponseSentence(tier.firstResponse[p] ?? null, data.businessHours) : "";
    }
    if (!plan || !tier) {
      preview.replaceChildren(...initial);
      return;
    }
    const target = tier.firstResponse[priority] ?? null;
    const due = firstResponseDue(new Date(), target, data.businessHours);
    if (due) {
      preview.replaceChildren(
        `On ${plan.name}, a ${priority} ticket gets a first response ${describeTarget(target, data.businessHours)}. ` +
          `If you send it now, that is by ${formatDue(due, readerZone(), "your time")}.`,
      );
    } else {
      const forum = contactLink("forum");
      preview.replaceChildren(`On ${plan.name} there is no response-time commitment: we answer as soon as we can.`);
      if (forum) preview.append(" The community forum is often faster: ", forum, ".");
    }
    const hotline = contactLink("hotline");
    if (priority === "High" && tier.hotline && hotline) {
      preview.append(" You can also call the support hotline at ", hotline, ", day or night.");
    }
  };
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "plan" || target.name === "priority") render();
  });
  render();
}
