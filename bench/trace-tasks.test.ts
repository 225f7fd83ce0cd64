import { describe, expect, it } from "vitest";
import { mainThreadFigures, type TraceEvent } from "./trace-tasks";

const thread = (pid: number, tid: number, name: string): TraceEvent => ({
  name: "thread_name",
  ph: "M",
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (pid: number, tid: number, ts: number, dur: number): TraceEvent => ({
  name: "RunTask",
  ph: "X",
  pid,
  tid,
  ts,
  dur,
});

describe("mainThreadFigures", () => {
  it("sums the busiest renderer main thread's top-level tasks, skipping nested ones", () => {
    const events = [
      thread(1, 10, "CrRendererMain"),
      thread(2, 20, "CrRendererMain"),
      thread(1, 11, "Compositor"),
      task(1, 10, 0, 60_000),
      task(1, 10, 10_000, 5_000), // nested in the first
      task(1, 10, 100_000, 20_000),
      task(1, 11, 0, 900_000), // not a main thread
      task(2, 20, 0, 1_000), // a spare renderer
    ];
    expect(mainThreadFigures(events)).toEqual({ totalMs: 80, longestTaskMs: 60, tasks: 2, tasksOver50Ms: 1 });
  });

  it("is all zeros for a trace without renderer tasks", () => {
    expect(mainThreadFigures([])).toEqual({ totalMs: 0, longestTaskMs: 0, tasks: 0, tasksOver50Ms: 0 });
  });
});
