// Text the app would not (or could not) format, shown as written: every character readable, and
// a short note saying why it looks plain. Nothing in it is parsed, so nothing in it can fail.

interface PlainTextFallbackProps {
  text: string;
  note: string;
  className?: string;
}

export function PlainTextFallback({ text, note, className = "" }: PlainTextFallbackProps) {
  return (
    <div data-testid="plain-text-fallback" className={`space-y-1 ${className}`}>
      <p role="note" className="text-neutral-500 text-xs dark:text-neutral-400">
        {note}
      </p>
      <div className="whitespace-pre-wrap wrap-anywhere">{text}</div>
    </div>
  );
}
