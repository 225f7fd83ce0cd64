import { type ChildProcess, fork } from "node:child_process";

// The harness side of a benchmark process (the upstream or one relay): forked under tsx with the
// react-server condition (our modules import "server-only"), asked for figures over IPC so that
// its CPU time and memory are its own and nothing else's.

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { ready: unknown };

export class BenchChild {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited: string | undefined;
  private output = "";

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on("data", (chunk) => this.keep(chunk));
    child.stderr?.on("data", (chunk) => this.keep(chunk));
    child.on("message", (message: Reply) => {
      if ("ready" in message) {
        this.onReady?.(message.ready);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.on("exit", (code, signal) => {
      this.exited = `${name} exited (${signal ?? code})`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${this.exited}\n${this.output}`));
      this.pending.clear();
      this.onExit?.();
    });
  }

  private onReady: ((value: unknown) => void) | undefined;
  private onExit: (() => void) | undefined;

  /** Starts `script` and waits for its `ready` answer (whatever the child reports: a port, a URL). */
  static async start<T>(
    name: string,
    script: string,
    args: string[],
    env: Record<string, string>,
  ): Promise<{ child: BenchChild; ready: T }> {
    const process_ = fork(script, args, {
      execArgv: [
        "--import",
        "tsx",
        "--conditions=react-server",
        "--expose-gc",
        ...(process.env.BENCH_CPU_PROF
          ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, "--cpu-prof-interval=100"]
          : []),
      ],
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const child = new BenchChild(name, process_);
    const ready = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        process_.kill("SIGKILL");
        reject(new Error(`${name} did not start within 60 s\n${child.output}`));
      }, 60_000);
      child.onReady = (value) => {
        clearTimeout(timer);
        resolve(value as T);
      };
      child.onExit = () => {
        clearTimeout(timer);
        reject(new Error(`${child.exited}\n${child.output}`));
      };
    });
    return { child, ready };
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Why the process is gone, or undefined while it runs: a relay that crashed fails the run. */
  get crashed(): string | undefined {
    return this.exited;
  }

  ask<T>(type: string, payload: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.exited}\n${this.output}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no answer to "${type}" within ${timeoutMs} ms\n${this.output}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ id, type, ...payload });
    });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
      setTimeout(() => this.child.kill("SIGKILL"), 3_000).unref();
    });
  }

  /** The last few kilobytes of output, for the error when it dies. */
  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-4_000);
  }
}
