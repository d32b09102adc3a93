// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): where the self time went, by
// package and by function, and the inclusive time of functions whose name matches a filter.
//   node scripts/bench/profile-summary.ts <file.cpuprofile> [name-filter]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, filter] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [name-filter]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalMs = (profile.endTime - profile.startTime) / 1000;

function where(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (!url) return "(native/vm)";
  if (url.startsWith("node:")) return "node:internal";
  return url.replace(/^file:\/\/\/tmp\/kb-bench-[^/]+\//, "").replace(/^file:\/\//, "");
}

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  add(byPackage, where(node.callFrame.url), us);
  add(byFunction, `${node.callFrame.functionName || "(anonymous)"} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`, us);
}

const top = (map: Map<string, number>, n: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms  ${k}`).join("\n");

console.log(`${file}: ${totalMs.toFixed(0)} ms`);
console.log(`\nSelf time by package:\n${top(byPackage, 15)}`);
console.log(`\nSelf time by function:\n${top(byFunction, 25)}`);

if (filter) {
  // Inclusive time: each sample counts once for every distinct matching frame on its stack.
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const key = `${frame.functionName || "(anonymous)"} ${where(frame.url)}:${frame.lineNumber + 1}`;
      if (key.includes(filter) && !seen.has(key)) {
        seen.add(key);
        add(inclusive, key, profile.timeDeltas[i] ?? 0);
      }
    }
  });
  console.log(`\nInclusive time of frames matching "${filter}":\n${top(inclusive, 25)}`);
}
