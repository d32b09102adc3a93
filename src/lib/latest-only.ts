/**
 * Runs one task at a time. A task asked for while another runs waits; a newer task with the same
 * key replaces a waiting one, which then resolves to `undefined` without running. For searching as
 * someone types: only the latest text is worth searching once the running search is done, and a
 * running search that newer typing replaced is told at once (its signal aborts), so it can stop at
 * its next step or cut short a pause: no search the reader has typed past holds up the last one for
 * longer than one step of it.
 */
export function latestOnly() {
  interface Waiting {
    run: () => Promise<unknown>;
    resolve(value: unknown): void;
    reject(error: unknown): void;
  }
  const waiting = new Map<string, Waiting>();
  const newest = new Map<string, AbortController>();
  let running = false;

  const drain = async () => {
    running = true;
    // Newer tasks may be waiting in messages not yet read (a worker reads its messages only
    // between tasks, and a task made only of promises never lets it): read them first.
    await nextTask();
    while (waiting.size) {
      const [key, task] = waiting.entries().next().value as [string, Waiting];
      waiting.delete(key);
      try {
        task.resolve(await task.run());
      } catch (error) {
        task.reject(error);
      }
      await nextTask();
    }
    running = false;
  };

  return {
    /** Queues `task` under `key`; its signal aborts once a newer task is queued under the same key. */
    run<R>(key: string, task: (replaced: AbortSignal) => Promise<R>): Promise<R | undefined> {
      newest.get(key)?.abort();
      const controller = new AbortController();
      newest.set(key, controller);
      return new Promise<R | undefined>((resolve, reject) => {
        waiting.get(key)?.resolve(undefined);
        waiting.set(key, { run: () => task(controller.signal), resolve: resolve as (value: unknown) => void, reject });
        if (!running) void drain();
      });
    },
  };
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function pauseUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Resolves once the events already waiting (messages, timers, input) have been handled: code that
 * only awaits promises never lets them in, so a long chain of them cannot see that newer typing
 * has replaced it. A message to itself, which comes after those already queued.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
    port2.close();
  });
}
