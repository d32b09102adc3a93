import { describe, expect, it } from "vitest";
import { describePrice, describeYearlyOption, formatMoney } from "../../src/lib/plan-prices.ts";

describe("plan prices in words", () => {
  it("writes amounts with the currency's sign, and cents only when there are some", () => {
    expect(formatMoney(7, "USD")).toBe("$7");
    expect(formatMoney(6.5, "EUR")).toBe("€6.50");
  });

  it("describes free, trial, per-user and contract prices", () => {
    expect(describePrice({ billing: "free" })).toBe("Free");
    expect(describePrice({ billing: "free", days: 30 })).toBe("Free for 30 days");
    expect(describePrice({ billing: "per-user", currency: "USD", monthly: 7 })).toBe("$7 per user per month");
    expect(describePrice({ billing: "quote" })).toBe("Priced per contract");
    expect(describePrice({ billing: "free", days: 30 }, true)).toBe("free for 30 days");
  });

  it("offers the yearly price with what it saves against twelve monthly payments", () => {
    expect(describeYearlyOption({ billing: "per-user", currency: "USD", monthly: 7, yearly: 72 })).toBe(
      "or $72 per user for a year paid at once (saves $12 per user)",
    );
    expect(describeYearlyOption({ billing: "per-user", currency: "USD", monthly: 6, yearly: 72 })).toBe("or $72 per user for a year paid at once");
    expect(describeYearlyOption({ billing: "per-user", currency: "USD", monthly: 7 })).toBeUndefined();
    expect(describeYearlyOption({ billing: "quote" })).toBeUndefined();
  });
});
