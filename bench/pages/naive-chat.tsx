import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

// (b) The naive client of the origin document's React example (ORIGIN.md): an EventSource, state
// grown with `[...prev, chunk]` per event and joined on every render, here rendered as markdown
// with the same features our page has for this answer (GFM tables, highlighted code), all of it
// parsed again for every event.

function NaiveChat({ prompt }: { prompt: string }) {
  const [messages, setMessages] = useState<string[]>([]);
  const [reasoning, setReasoning] = useState<string[]>([]);
  const [status, setStatus] = useState("idle");
  useEffect(() => {
    const params = new URLSearchParams({ prompt, thinking: "true" });
    const source = new EventSource(`/api/chat?${params}`);
    source.addEventListener("start", () => setStatus("streaming"));
    source.addEventListener("reasoning", (e) => {
      const d = JSON.parse(e.data) as { content: string };
      setReasoning((prev) => [...prev, d.content]);
    });
    source.addEventListener("message", (e) => {
      const d = JSON.parse(e.data) as { content: string };
      setMessages((prev) => [...prev, d.content]);
    });
    source.addEventListener("end", () => {
      setStatus("completed");
      source.close();
    });
    source.onerror = () => {
      setStatus("error");
      source.close();
    };
    return () => source.close();
  }, [prompt]);
  return (
    <main data-status={status}>
      <pre>{reasoning.join("")}</pre>
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeHighlight]}>
        {messages.join("")}
      </ReactMarkdown>
    </main>
  );
}

(window as unknown as { startBench: (prompt: string) => void }).startBench = (prompt) => {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<NaiveChat prompt={prompt} />);
};
