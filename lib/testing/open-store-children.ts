import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

interface ChildOutcome {
  code: number | null;
  /** What the child printed after it was told to go: "opened", or why it could not. */
  output: string;
  /** From the go to the child's exit. */
  ms: number;
}

/**
 * Opens the store at `where` (a DATA_DIR or a postgres:// URL) from `count` processes of their
 * own (open-store-child.ts), all told to go at once when every one has loaded.
 */
export async function openStoreInChildren(where: string, count = 1): Promise<ChildOutcome[]> {
  const children = Array.from({ length: count }, () => start(where));
  await Promise.all(children.map((child) => child.ready));
  const go = Date.now();
  for (const { process } of children) process.stdin?.write("go\n");
  return Promise.all(
    children.map(async (child) => {
      const code = await child.exit;
      return { code, output: child.output().replace(/^ready\n/, ""), ms: Date.now() - go };
    }),
  );
}

function start(where: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", join(root, "lib/testing/open-store-child.ts"), where],
    { cwd: root, stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (output.startsWith("ready\n")) markReady();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // A child that dies while loading is not waited for.
  void exit.then(markReady);
  return { process: child, ready, exit, output: () => output };
}
