// Reads a Chromium trace (categories "toplevel"): the renderer main thread's tasks, which is what
// blocks input and frames. Nested RunTask events (a task run inside another) are not counted twice.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export interface MainThreadFigures {
  /** Sum of top-level task durations on the page's main thread, ms. */
  totalMs: number;
  longestTaskMs: number;
  tasks: number;
  tasksOver50Ms: number;
}

const TASK_NAMES = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

/**
 * The busiest renderer main thread is the page's (a fresh context holds one page, but Chromium
 * may keep a spare renderer around).
 */
export function mainThreadFigures(events: TraceEvent[]): MainThreadFigures {
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, { ts: number; dur: number }[]>();
  for (const e of events) {
    if (e.ph !== "X" || !TASK_NAMES.has(e.name) || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push({ ts: e.ts, dur: e.dur });
    byThread.set(key, list);
  }
  let best: MainThreadFigures = { totalMs: 0, longestTaskMs: 0, tasks: 0, tasksOver50Ms: 0 };
  for (const tasks of byThread.values()) {
    tasks.sort((a, b) => a.ts - b.ts);
    let total = 0;
    let longest = 0;
    let count = 0;
    let over = 0;
    let end = Number.NEGATIVE_INFINITY;
    for (const task of tasks) {
      if (task.ts < end) continue; // inside the previous top-level task
      end = task.ts + task.dur;
      total += task.dur;
      longest = Math.max(longest, task.dur);
      count++;
      if (task.dur > 50_000) over++;
    }
    if (total / 1000 > best.totalMs)
      best = { totalMs: total / 1000, longestTaskMs: longest / 1000, tasks: count, tasksOver50Ms: over };
  }
  return {
    totalMs: Math.round(best.totalMs),
    longestTaskMs: Math.round(best.longestTaskMs * 10) / 10,
    tasks: best.tasks,
    tasksOver50Ms: best.tasksOver50Ms,
  };
}
