import { describe, expect, it } from "vitest";
import { latestOnly, pauseUnlessAborted } from "../../src/lib/latest-only.ts";

/** Lets the queue read what is waiting and move on (it starts a task after the pending events). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

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
    await settled();
  };
  return { run, started, finish };
}

describe("latestOnly", () => {
  it("runs a task at once when nothing is running", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const answer = queue.run("dialog", () => task.run("wor"));
    await settled();
    expect(task.started).toEqual(["wor"]);
    await task.finish("wor");
    await expect(answer).resolves.toBe("results for wor");
  });

  it("skips text replaced while an earlier search ran, and runs the latest after it", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const first = queue.run("dialog", () => task.run("work"));
    await settled();
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
    const running = queue.run("dialog", async (replaced) => {
      seen.push(replaced.aborted);
      await new Promise<void>((resolve) => (release = resolve));
      seen.push(replaced.aborted);
      return "old";
    });
    await settled();
    const newer = queue.run("dialog", async () => "new");
    release();
    await expect(running).resolves.toBe("old");
    await expect(newer).resolves.toBe("new");
    expect(seen).toEqual([false, true]);
  });

  it("keeps searches of different surfaces apart: neither replaces the other", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    const dialog = queue.run("dialog", () => task.run("hotline"));
    const suggestions = queue.run("ticket-suggestions", () => task.run("sign in"));
    await settled();
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

  it("cuts short a running task's pause the moment newer typing replaces it", async () => {
    const queue = latestOnly();
    const started = performance.now();
    let waited = 0;
    const running = queue.run("dialog", async (replaced) => {
      await pauseUnlessAborted(5_000, replaced);
      waited = performance.now() - started;
      return replaced.aborted ? "stopped" : "searched";
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const newer = queue.run("dialog", async () => "newer");
    await expect(running).resolves.toBe("stopped");
    await expect(newer).resolves.toBe("newer");
    expect(waited).toBeLessThan(1_000);
  });

  it("pauses for the time asked when nothing replaces the task", async () => {
    const started = performance.now();
    await pauseUnlessAborted(30, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("reads newer tasks waiting in events before starting one, so text typed past is never searched", async () => {
    const task = controlledTask();
    const queue = latestOnly();
    // Keystrokes that arrived together, as messages a busy worker reads at once.
    const replaced = queue.run("dialog", () => task.run("worksp"));
    const latest = queue.run("dialog", () => task.run("workspa"));
    await settled();
    expect(task.started).toEqual(["workspa"]);
    await task.finish("workspa");
    await expect(replaced).resolves.toBeUndefined();
    await expect(latest).resolves.toBe("results for workspa");
  });
});
