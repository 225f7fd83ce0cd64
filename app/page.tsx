import { headers } from "next/headers";
import { loadConfig } from "@/lib/config";

// The chat UI arrives with issue 4; until then this page says whether the server is ready and how
// to talk to it, so a fresh install never shows a blank or broken screen.

export const dynamic = "force-dynamic";

export default async function Home() {
  const config = loadConfig();
  const host = (await headers()).get("host") ?? "localhost:3000";
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-6 py-16">
      <h1 className="font-semibold text-2xl">DeepSeek Chat</h1>
      {config.apiKey ? (
        <p data-testid="status-ready">
          The server is configured for <code>{config.defaultModel}</code> at <code>{config.baseURL}</code>.
        </p>
      ) : (
        <section
          data-testid="status-not-configured"
          className="rounded-lg border border-amber-400 bg-amber-50 p-4 dark:bg-amber-950"
        >
          <h2 className="font-medium">Set your API key</h2>
          <p className="mt-2">
            No <code>DEEPSEEK_API_KEY</code> is set. Put it in <code>.env.local</code> (or your host&apos;s
            environment variables), then restart the app. See <code>.env.example</code> for every setting.
          </p>
        </section>
      )}
      <section className="space-y-2">
        <h2 className="font-medium">Try the stream</h2>
        <pre className="overflow-x-auto rounded-lg bg-neutral-100 p-4 text-sm dark:bg-neutral-900">
          {`curl -N http://${host}/api/chat \\
  -H "Content-Type: application/json" \\
  -d '{"prompt":"分析600519","thinking":true}'`}
        </pre>
      </section>
    </main>
  );
}
