/**
 * Runs one call of `run` at a time. A call made while another runs waits for it, and a newer call
 * replaces a waiting one, which then resolves to `undefined` without running. For searching as
 * someone types: only the latest text is worth searching once the running search is done.
 */
export function latestOnly<A, R>(run: (arg: A) => Promise<R>): (arg: A) => Promise<R | undefined> {
  interface Waiting {
    arg: A;
    resolve(result: R | undefined): void;
    reject(error: unknown): void;
  }
  let waiting: Waiting | undefined;
  let running = false;

  const drain = async () => {
    running = true;
    while (waiting) {
      const next = waiting;
      waiting = undefined;
      try {
        next.resolve(await run(next.arg));
      } catch (error) {
        next.reject(error);
      }
    }
    running = false;
  };

  return (arg) =>
    new Promise<R | undefined>((resolve, reject) => {
      waiting?.resolve(undefined);
      waiting = { arg, resolve, reject };
      if (!running) void drain();
    });
}
