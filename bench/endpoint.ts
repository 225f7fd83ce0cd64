import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { descendants } from "../scripts/load/process-probe";
import type { BenchChild } from "./bench-child";
import type { RelayStats } from "./relay-stats";
import type { Target } from "./wires";

/** Something the benchmark streams from, with a way to read the CPU time of the process behind it. */
export interface Endpoint {
  target: Target;
  url: string;
  cpuMicros(): Promise<number>;
  rssBytes(): Promise<number>;
}

export function relayEndpoint(target: Target, port: number, child: BenchChild): Endpoint {
  const stats = () => child.ask<RelayStats>("stats");
  return {
    target,
    url: `http://127.0.0.1:${port}/`,
    cpuMicros: async () => (await stats()).cpuMicros,
    rssBytes: async () => (await stats()).rssBytes,
  };
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/**
 * The built app (`npm start`) cannot answer over IPC, so its CPU time is read from /proc (utime + stime, in clock
 * ticks of 10 ms: fine over the seconds a batch takes), for it and any process it started.
 */
export function processEndpoint(target: Target, url: string, pid: number): Endpoint {
  const cpu = () => {
    let ticks = 0;
    for (const each of [pid, ...descendants(pid)]) {
      const stat = read(`/proc/${each}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return (ticks / clockTicks()) * 1e6;
  };
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;
  return { target, url, cpuMicros: async () => cpu(), rssBytes: async () => rss() };
}
