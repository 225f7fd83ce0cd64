import { useT } from "@/components/i18n/locale-provider";

/** From here the gauge warns: a few more long turns and the model cannot read it all. */
const NEAR = 0.8;

/**
 * How much of the model's context window the conversation and the draft take (PROTOCOL.md section
 * 19): a ring with the share, the tokens on hover, and a warning near and past the limit.
 */
export function ContextGauge({ used, window }: { used: number; window: number }) {
  const t = useT();
  const share = used / window;
  const level = share >= 1 ? "over" : share >= NEAR ? "near" : "ok";
  const percent = share > 0 && share < 0.01 ? "<1%" : `${Math.round(share * 100)}%`;
  const color =
    level === "over"
      ? "text-red-600 dark:text-red-400"
      : level === "near"
        ? "text-amber-600 dark:text-amber-400"
        : "text-neutral-500 dark:text-neutral-400";
  // The ring: a circle of circumference 100, its dash the share (at most a full turn).
  const figures = t.contextTitle(used.toLocaleString("en-US"), window.toLocaleString("en-US"));
  const advice = level === "over" ? t.contextOverAdvice : level === "near" ? t.contextNearAdvice : "";
  const title = advice ? `${figures}\n${advice}` : figures;
  const dash = Math.min(100, Math.max(share * 100, share > 0 ? 2 : 0));
  return (
    <div
      title={title}
      data-testid="context-gauge"
      data-level={level}
      className={`flex min-w-0 shrink-0 items-center gap-1 text-[0.6875rem] tabular-nums sm:shrink ${color}`}
    >
      {/* For screen readers and tests; the ring below is its picture. */}
      <meter
        className="sr-only"
        aria-label={t.contextLabel}
        aria-valuetext={title}
        min={0}
        max={window}
        value={used}
      >
        {percent}
      </meter>
      <svg viewBox="0 0 36 36" className="size-4 shrink-0 -rotate-90" aria-hidden="true">
        <circle
          cx="18"
          cy="18"
          r="15.915"
          fill="none"
          strokeWidth="4"
          className="stroke-neutral-200 dark:stroke-neutral-700"
        />
        <circle
          cx="18"
          cy="18"
          r="15.915"
          fill="none"
          strokeWidth="4"
          strokeDasharray={`${dash} ${100 - dash}`}
          className="stroke-current"
        />
      </svg>
      <span className="shrink-0">{percent}</span>
      {level !== "ok" && (
        // On a phone the ring's colour says it; the words need the room a wider screen has.
        <span className="hidden truncate sm:inline" data-testid="context-warning">
          {level === "over" ? t.contextOver : t.contextNear}
        </span>
      )}
    </div>
  );
}
