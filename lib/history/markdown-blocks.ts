// Pieces of Markdown that hold text we did not write (a tool's result, a model's reasoning) and
// must not let it break out: a fence longer than any run of backticks inside, HTML escaped where
// it would be read as HTML, and a code fence left open by an answer cut short closed again.

/** A fenced block that nothing inside can close: the fence outruns the longest run of backticks. */
export function fenced(body: string, language = ""): string {
  let longest = 0;
  for (const match of body.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Text for an HTML element such as <summary>: read as text, never as tags. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Markdown placed inside <details>: a `</details>` of its own would close ours early, and a code
 * fence it leaves open would swallow ours. Its other HTML is left as it was.
 */
export function insideDetails(markdown: string): string {
  return closeOpenFence(markdown.replace(/<\/(details)/gi, "&lt;/$1"));
}

/**
 * Ends a code fence the text leaves open (an answer stopped mid-block), which would otherwise
 * run on over everything after it. Fences as CommonMark reads them: up to three spaces, then at
 * least three backticks or tildes; a closing one of the same character and at least as long.
 */
export function closeOpenFence(markdown: string): string {
  let open: string | undefined;
  for (const line of markdown.split("\n")) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === undefined) {
      // An info string with a backtick does not open a backtick fence.
      if (!(fence.startsWith("`") && line.slice(line.indexOf(fence) + fence.length).includes("`"))) {
        open = fence;
      }
    } else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) {
      open = undefined;
    }
  }
  return open === undefined ? markdown : `${markdown}\n${open}`;
}

/** JSON as the tool card shows it, indented; data nested too deep for the printer says so. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return "(not shown: nested too deeply to print)";
  }
}
