// Who the help center is written for. Kept apart from the content schemas (which need zod) so the
// browser's search code can name audiences without downloading the schema library.
export const AUDIENCES = ["new-hire", "customer", "support-staff"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How each audience is written in filters and on pages. */
export const AUDIENCE_LABELS: Record<Audience, string> = {
  "new-hire": "New hires",
  customer: "Customers",
  "support-staff": "Support staff",
};
