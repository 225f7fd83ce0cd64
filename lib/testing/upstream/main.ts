import { SCENARIO_NAMES } from "./scenarios";
import { startUpstream, type UpstreamOptions } from "./server";

const USAGE = `Usage: npx tsx lib/testing/upstream/main.ts [--port 4010] [--delay ms] [--host 127.0.0.1] [--key sk-test]

A scripted DeepSeek-compatible chat-completions server for tests and local development.
Pick a behaviour by writing [[scenario:NAME]] or [[scenario:{"name":"NAME",...}]] in the
last user message. Scenarios: ${SCENARIO_NAMES.join(", ")}.`;

function parseArgs(argv: string[]): UpstreamOptions {
  const options: UpstreamOptions = { port: 4010 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
    i++;
    if (flag === "--port") options.port = Number(value);
    else if (flag === "--delay") options.chunkDelayMs = Number(value);
    else if (flag === "--host") options.host = value;
    else if (flag === "--key") options.apiKey = value;
    else throw new Error(`unknown option ${flag}\n\n${USAGE}`);
  }
  if (!Number.isInteger(options.port) || Number.isNaN(options.chunkDelayMs ?? 0)) throw new Error(USAGE);
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const upstream = await startUpstream(options);
  console.log(`Scripted DeepSeek upstream on ${upstream.url}`);
  console.log(
    `Point the app at it:\n  DEEPSEEK_BASE_URL=${upstream.url} DEEPSEEK_API_KEY=${options.apiKey ?? "sk-test"}`,
  );
  console.log(`Recorded requests: GET ${upstream.url}/__upstream/requests (reset: POST /__upstream/reset)`);
  const stop = () => {
    upstream.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
