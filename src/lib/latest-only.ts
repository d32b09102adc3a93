/**
 * Runs one task at a time. A task asked for while another runs waits; a newer task with the same
 * key replaces a waiting one, which then resolves to `undefined` without running. For searching as
 * someone types: only the latest text is worth searching once the running search is done, and a
 * running search that newer typing replaced can stop early (see `isLatest`), so no search the
 * reader has typed past holds up the last one for longer than one step of it.
 */
export function latestOnly() {
  interface Waiting {
    run: () => Promise<unknown>;
    resolve(value: unknown): void;
    reject(error: unknown): void;
  }
  const waiting = new Map<string, Waiting>();
  const newest = new Map<string, number>();
  let next = 0;
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting.size) {
      const [key, task] = waiting.entries().next().value as [string, Waiting];
      waiting.delete(key);
      try {
        task.resolve(await task.run());
      } catch (error) {
        task.reject(error);
      }
    }
    running = false;
  };

  return {
    /** Queues `task` under `key`; it is given a check that turns false once a newer one is queued. */
    run<R>(key: string, task: (isLatest: () => boolean) => Promise<R>): Promise<R | undefined> {
      const id = next++;
      newest.set(key, id);
      const isLatest = () => newest.get(key) === id;
      return new Promise<R | undefined>((resolve, reject) => {
        waiting.get(key)?.resolve(undefined);
        waiting.set(key, { run: () => task(isLatest), resolve: resolve as (value: unknown) => void, reject });
        if (!running) void drain();
      });
    },
  };
}
