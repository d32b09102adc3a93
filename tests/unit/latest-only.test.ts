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
  it("runs a task at once when nothing is running", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const answer = queue.run("dialog", () => task.run("wor"));
    expect(task.started).toEqual(["wor"]);
    await task.finish("wor");
    await expect(answer).resolves.toBe("results for wor");
  });

  it("skips text replaced while an earlier search ran, and runs the latest after it", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const first = queue.run("dialog", () => task.run("work"));
    const second = queue.run("dialog", () => task.run("works"));
    const third = queue.run("dialog", () => task.run("worksp"));
    const fourth = queue.run("dialog", () => task.run("workspa"));
    await expect(second).resolves.toBeUndefined();
    await expect(third).resolves.toBeUndefined();
    expect(task.started).toEqual(["work"]);
    await task.finish("work");
    await expect(first).resolves.toBe("results for work");
    expect(task.started).toEqual(["work", "workspa"]);
    await task.finish("workspa");
    await expect(fourth).resolves.toBe("results for workspa");
  });

  it("tells a running task once newer typing has replaced it, so it can stop early", async () => {
    const queue = latestOnly();
    const seen: boolean[] = [];
    let release!: () => void;
    const running = queue.run("dialog", async (isLatest) => {
      seen.push(isLatest());
      await new Promise<void>((resolve) => (release = resolve));
      seen.push(isLatest());
      return "old";
    });
    const newer = queue.run("dialog", async () => "new");
    release();
    await expect(running).resolves.toBe("old");
    await expect(newer).resolves.toBe("new");
    expect(seen).toEqual([true, false]);
  });

  it("keeps searches of different surfaces apart: neither replaces the other", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const dialog = queue.run("dialog", () => task.run("hotline"));
    const suggestions = queue.run("ticket-suggestions", () => task.run("sign in"));
    await task.finish("hotline");
    await task.finish("sign in");
    await expect(dialog).resolves.toBe("results for hotline");
    await expect(suggestions).resolves.toBe("results for sign in");
  });

  it("passes a failure to its caller and goes on with the next task", async () => {
    const queue = latestOnly();
    await expect(queue.run("a", async () => Promise.reject(new Error("index chunk failed to load")))).rejects.toThrow("index chunk failed to load");
    await expect(queue.run("a", async () => "good")).resolves.toBe("good");
  });
});
