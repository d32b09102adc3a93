// How a plan's price reads on the page. The figures live in content/data/plans.yaml; this is the
// one place that words them, so the price table and prices in sentences always agree.
import type { PlanPrice } from "./content-schemas.ts";

/** "$7", "€6.50": whole amounts without cents. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en", {
    style: "currency",
    currency,
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

/**
 * The price in a phrase: "Free", "Free for 30 days", "$7 per user per month", "Priced per contract".
 * `inSentence` starts it in lower case, for "Starter is free".
 */
export function describePrice(price: PlanPrice, inSentence = false): string {
  const phrase = (() => {
    switch (price.billing) {
      case "free":
        return price.days ? `Free for ${price.days} days` : "Free";
      case "per-user":
        return `${formatMoney(price.monthly, price.currency)} per user per month`;
      case "quote":
        return "Priced per contract";
    }
  })();
  return inSentence ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
}

/** The yearly option, when there is one: "or $72 per user for a year paid at once (saves $12 per user)". */
export function describeYearlyOption(price: PlanPrice): string | undefined {
  if (price.billing !== "per-user" || price.yearly === undefined) return undefined;
  const saving = price.monthly * 12 - price.yearly;
  const yearly = `or ${formatMoney(price.yearly, price.currency)} per user for a year paid at once`;
  return saving > 0 ? `${yearly} (saves ${formatMoney(saving, price.currency)} per user)` : yearly;
}
