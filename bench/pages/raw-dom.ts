// (c) The limit: every reasoning and answer piece appended to one text node, nothing parsed or
// rendered beyond that. What is left is reading the stream and laying out the growing text.

(window as unknown as { startBench: (prompt: string) => void }).startBench = (prompt) => {
  const root = document.getElementById("root") as HTMLElement;
  const pre = document.createElement("pre");
  pre.style.whiteSpace = "pre-wrap";
  const text = document.createTextNode("");
  pre.append(text);
  root.append(pre);
  const source = new EventSource(`/api/chat?${new URLSearchParams({ prompt, thinking: "true" })}`);
  const append = (e: MessageEvent<string>) =>
    text.appendData((JSON.parse(e.data) as { content: string }).content);
  source.addEventListener("reasoning", append);
  source.addEventListener("message", append);
  source.addEventListener("end", () => {
    source.close();
    root.dataset.status = "completed";
  });
  source.onerror = () => {
    source.close();
    root.dataset.status = "error";
  };
};
