// Runs a store in a worker thread. node:sqlite is synchronous: on the main thread, a write that waits
// for another process's lock (up to the store's busy_timeout) stops every other request, static
// pages included. In a worker only the store's own calls wait.
//
// Generic on purpose: any method is forwarded by name, so a store gains methods without changes here.
// Arguments and results cross threads by structured clone (plain objects, Dates, Uint8Arrays: what
// the stores take and return); a method that takes a callback cannot be called this way.
import { Worker } from "node:worker_threads";
import type { CallMessage, ReplyMessage, SerializedError, StoreThreadData } from "./store-thread-worker.ts";

const WORKER = new URL("./store-thread-worker.ts", import.meta.url);

type MethodName<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

type AsyncMethods<T> = {
  [K in MethodName<T>]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type ThreadedStore<T> = AsyncMethods<Omit<T, "close">> & {
  /** Settles once the store is open in its thread; rejects with the error opening it threw. */
  readonly ready: Promise<void>;
  /** Closes the store, then stops its thread. */
  close(): Promise<void>;
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function revive(error: SerializedError): Error {
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.code !== undefined) Object.assign(revived, { code: error.code });
  return revived;
}

/**
 * Opens `exportName` from `module` (a store class, constructed with `args`, or a function returning a
 * store) in its own thread. If the thread dies, calls waiting on it fail and the next call starts
 * a new one.
 */
export function openStoreInThread<T extends object>(module: URL, exportName: string, args: unknown[]): ThreadedStore<T> {
  const data: StoreThreadData = { module: module.href, exportName, args };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | null = null;
  let closed = false;
  let ready!: Promise<void>;

  function start(): Worker {
    const thread = new Worker(WORKER, { workerData: data });
    // An idle store thread does not keep the process alive; one with calls in flight does.
    thread.unref();
    ready = new Promise<void>((resolve, reject) => {
      thread.on("message", (message: ReplyMessage) => {
        if ("type" in message) {
          if (message.type === "ready") resolve();
          else reject(revive(message.error));
          return;
        }
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (pending.size === 0) thread.unref();
        if ("error" in message) call.reject(revive(message.error));
        else call.resolve(message.value);
      });
      thread.on("error", reject);
      thread.on("exit", (code) => {
        if (worker === thread) worker = null;
        const reason = new Error(`The store's thread stopped (exit code ${code}) before answering`);
        reject(reason);
        for (const call of pending.values()) call.reject(reason);
        pending.clear();
      });
    });
    // Callers see the failure through `ready` or their own call; this only keeps it from being unhandled.
    ready.catch(() => {});
    return thread;
  }

  function call(method: string, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(new Error(`The store is closed; ${method} was not run`));
    worker ??= start();
    const thread = worker;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (pending.size === 1) thread.ref();
      thread.postMessage({ id, method, args } satisfies CallMessage);
    });
  }

  async function close(): Promise<void> {
    if (closed) return;
    const thread = worker;
    if (thread) await call("close", []).catch(() => {});
    closed = true;
    await thread?.terminate();
  }

  worker = start();
  return new Proxy({} as ThreadedStore<T>, {
    get(_target, property) {
      if (property === "ready") return ready;
      if (property === "close") return close;
      // Not a thenable: `await store` must give the store, not call a method named "then".
      if (typeof property !== "string" || property === "then") return undefined;
      return (...args: unknown[]) => call(property, args);
    },
  });
}
