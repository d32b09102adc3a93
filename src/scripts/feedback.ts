// The article feedback widget: one tap for yes or no, an optional note after a no.

async function send(body: unknown): Promise<boolean> {
  try {
    // The schema (and zod with it) loads on the first answer, not with every article a reader opens:
    // it is more than half of what a first visit to an article would otherwise download.
    // zod is told not to try eval before any schema is built (parallel imports may run in either order).
    await import("./zod-without-eval.ts");
    const { articleFeedbackSchema } = await import("../lib/feedback.ts");
    const parsed = articleFeedbackSchema.safeParse(body);
    if (!parsed.success) return false;
    const response = await fetch("/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(parsed.data),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export function initFeedback() {
  const widget = document.querySelector<HTMLElement>("[data-feedback]");
  if (!widget) return;
  const article = widget.dataset.feedback ?? "";
  const question = widget.querySelector<HTMLElement>("[data-feedback-question]");
  const more = widget.querySelector<HTMLFormElement>("[data-feedback-more]");
  const status = widget.querySelector<HTMLElement>("[data-feedback-status]");
  if (!question || !more || !status) return;
  widget.hidden = false;

  for (const button of question.querySelectorAll<HTMLButtonElement>("button[data-answer]")) {
    button.addEventListener("click", async () => {
      const helpful = button.dataset.answer;
      question.hidden = true;
      if (helpful === "no") {
        more.hidden = false;
        more.querySelector("textarea")?.focus();
        return;
      }
      const ok = await send({ article, helpful });
      status.textContent = ok ? "Thanks for letting us know." : "Thanks. We could not record that just now.";
    });
  }
  more.addEventListener("submit", async (event) => {
    event.preventDefault();
    const comment = new FormData(more).get("comment");
    const ok = await send({ article, helpful: "no", comment });
    more.hidden = true;
    status.textContent = ok
      ? "Thank you. The team that owns this article reads every note."
      : "Sorry, your note could not be sent. Please try again later.";
  });
}
