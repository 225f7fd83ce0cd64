import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { PlainTextFallback } from "../plain-text-fallback";
import { CodeBlock } from "./code-block";
import type { PluginSet } from "./lazy-plugins";
import { isTooDeep } from "./measure-nesting";

// One top-level markdown block. Memoised on its text and plugins: once a block is complete its
// text stops changing, so while an answer streams only the last block is parsed (and measured)
// again. Raw HTML in the text is shown as text (react-markdown's default; rehype-raw is never added).

interface MarkdownBlockProps {
  text: string;
  plugins: PluginSet;
  copyLabel: string;
  copiedLabel: string;
  /** The note over a block shown as plain text because it nests too deeply. */
  tooDeepNote: string;
}

export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  plugins,
  copyLabel,
  copiedLabel,
  tooDeepNote,
}: MarkdownBlockProps) {
  const components = useMemo<Components>(
    () => ({
      pre: (props) => <CodeBlock {...props} copyLabel={copyLabel} copiedLabel={copiedLabel} />,
      table: ({ node: _, ...props }) => (
        <div className="max-w-full overflow-x-auto">
          <table {...props} />
        </div>
      ),
      a: ({ node: _, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
      img: ({ node: _, alt, ...props }) => (
        // biome-ignore lint/performance/noImgElement: model-written URLs; next/image needs known hosts.
        <img {...props} alt={alt ?? ""} loading="lazy" className="max-w-full rounded-lg" />
      ),
    }),
    [copyLabel, copiedLabel],
  );
  // Measured before parsing: past the limit the parser would take seconds or overflow the stack.
  if (isTooDeep(text)) return <PlainTextFallback text={text} note={tooDeepNote} className="markdown-block" />;
  return (
    <div className="markdown-block">
      <ReactMarkdown remarkPlugins={plugins.remark} rehypePlugins={plugins.rehype} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
