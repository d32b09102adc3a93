// The worker side of store-thread.ts: builds the store from the module and export it was given,
// then runs each method call it receives, one after another, and posts back the result or the error.
import { parentPort, workerData } from "node:worker_threads";

export interface StoreThreadData {
  /** file: URL of the module that exports the store. */
  module: string;
  /** A class (constructed with `args`) or a function returning the store (called with them). */
  exportName: string;
  args: unknown[];
}

export interface CallMessage {
  id: number;
  method: string;
  args: unknown[];
}

export interface SerializedError {
  name: string;
  message: string;
  code?: unknown;
}

export type ReplyMessage =
  | { type: "ready"; methods: string[] }
  | { type: "failed"; error: SerializedError }
  | { id: number; value: unknown }
  | { id: number; error: SerializedError };

type Store = Record<string, unknown>;

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, code: (error as { code?: unknown }).code };
  return { name: "Error", message: String(error) };
}

function methodNames(instance: object): string[] {
  const names = new Set<string>();
  for (let proto = instance; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== "constructor" && typeof (instance as Store)[name] === "function") names.add(name);
    }
  }
  return [...names];
}

const port = parentPort!;
const { module, exportName, args } = workerData as StoreThreadData;

async function open(): Promise<Store> {
  const target = (await import(module))[exportName] as ((...a: unknown[]) => unknown) | undefined;
  if (typeof target !== "function") throw new Error(`${module} has no export named ${exportName}`);
  const isClass = /^class\b/.test(Function.prototype.toString.call(target));
  return (isClass ? Reflect.construct(target, args) : await target(...args)) as Store;
}

const opened = open();
opened.then(
  (store) => port.postMessage({ type: "ready", methods: methodNames(store) } satisfies ReplyMessage),
  (error) => port.postMessage({ type: "failed", error: serialize(error) } satisfies ReplyMessage),
);

port.on("message", async ({ id, method, args: callArgs }: CallMessage) => {
  try {
    const store = await opened;
    const value = await (store[method] as (...a: unknown[]) => unknown)(...callArgs);
    port.postMessage({ id, value } satisfies ReplyMessage);
  } catch (error) {
    port.postMessage({ id, error: serialize(error) } satisfies ReplyMessage);
  }
});
