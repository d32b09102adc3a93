import { describe, expect, it } from "vitest";
import { latestOnly } from "../../src/lib/latest-only.ts";

/** A task whose calls finish only when the test says so, recording the order they started in. */
function controlledTask() {
  const started: string[] = [];
  const finishers = new Map<string, (value: string) => void>();
  const run = (arg: string) =>
    new Promise<string>((resolve) => {
      started.push(arg);
      finishers.set(arg, (value) => resolve(value));
    });
  const finish = async (arg: string) => {
    finishers.get(arg)?.(`results for ${arg}`);
    // Let the queue move on to the next call.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { run, started, finish };
}

describe("latestOnly", () => {
  it("runs a call at once when nothing is running", async () => {
    const task = controlledTask();
    const search = latestOnly(task.run);
    const answer = search("wor");
    expect(task.started).toEqual(["wor"]);
    await task.finish("wor");
    await expect(answer).resolves.toBe("results for wor");
  });

  it("skips text replaced while an earlier search ran, and runs the latest after it", async () => {
    const task = controlledTask();
    const search = latestOnly(task.run);
    const first = search("work");
    const second = search("works");
    const third = search("worksp");
    const fourth = search("workspa");
    await expect(second).resolves.toBeUndefined();
    await expect(third).resolves.toBeUndefined();
    expect(task.started).toEqual(["work"]);
    await task.finish("work");
    await expect(first).resolves.toBe("results for work");
    expect(task.started).toEqual(["work", "workspa"]);
    await task.finish("workspa");
    await expect(fourth).resolves.toBe("results for workspa");
  });

  it("passes a failure to its caller and goes on with the next call", async () => {
    const search = latestOnly(async (arg: string) => {
      if (arg === "bad") throw new Error("index chunk failed to load");
      return `results for ${arg}`;
    });
    await expect(search("bad")).rejects.toThrow("index chunk failed to load");
    await expect(search("good")).resolves.toBe("results for good");
  });
});
