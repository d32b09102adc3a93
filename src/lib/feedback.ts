// "Was this helpful?" answers from article pages. Shared by the widget's script and the endpoint.
import { z } from "zod";

export const FEEDBACK_COMMENT_MAX = 1_000;

export const articleFeedbackSchema = z.object({
  article: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { error: "Reload the page and try again: the article is not recognised" }),
  helpful: z.enum(["yes", "no"], { error: "Choose yes or no" }),
  comment: z
    .string()
    .trim()
    .max(FEEDBACK_COMMENT_MAX, { error: `Shorten your note to ${FEEDBACK_COMMENT_MAX} characters or fewer` })
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type ArticleFeedback = z.output<typeof articleFeedbackSchema>;

export interface FeedbackTally {
  article: string;
  helpful: number;
  notHelpful: number;
  comments: { at: string; comment: string }[];
}
