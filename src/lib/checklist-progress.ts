// Naming and wording for onboarding checklist progress.
export const checklistKey = (task: string) => `kb-checklist:${task}`;

export function summariseProgress(done: number, total: number): string {
  if (total === 0) return "";
  if (done === total) return `All ${total} done`;
  return `${done} of ${total} done`;
}
