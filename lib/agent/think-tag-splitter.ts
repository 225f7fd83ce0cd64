// Models served through a raw chat template (some vLLM/Ollama setups) put their reasoning inline:
// `<think>…</think>answer`. This splits such content into reasoning and text as it streams, holding
// back only the few characters that might be the start of a tag split across chunks.

const OPEN = "<think>";
const CLOSE = "</think>";

export interface Split {
  reasoning: string;
  text: string;
}

export class ThinkTagSplitter {
  private buffer = "";
  private inside = false;
  /** Tags are only honoured at the start of the answer, so prose that mentions `<think>` is left alone. */
  private sawText = false;

  push(chunk: string): Split {
    this.buffer += chunk;
    return this.drain(false);
  }

  flush(): Split {
    return this.drain(true);
  }

  private drain(final: boolean): Split {
    const out: Split = { reasoning: "", text: "" };
    while (this.buffer) {
      if (this.inside) {
        const end = this.buffer.indexOf(CLOSE);
        if (end >= 0) {
          out.reasoning += this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + CLOSE.length);
          this.inside = false;
          continue;
        }
        const keep = final ? 0 : partialSuffix(this.buffer, CLOSE);
        out.reasoning += this.buffer.slice(0, this.buffer.length - keep);
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        break;
      }
      if (!this.sawText) {
        const trimmed = this.buffer.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.buffer = trimmed.slice(OPEN.length);
          this.inside = true;
          continue;
        }
        if (!final && trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) break;
        // The blank lines a template puts between `</think>` and the answer are not part of it.
        this.buffer = trimmed;
        if (!this.buffer) break;
      }
      this.sawText = true;
      out.text += this.buffer;
      this.buffer = "";
    }
    return out;
  }
}

/** How many trailing characters of `text` could begin `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(-n))) return n;
  }
  return 0;
}
