import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

/** The DeepThink switch: a pressed/unpressed button, like DeepSeek's own "深度思考". */
export function ReasoningToggle({
  pressed,
  onChange,
}: {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
}) {
  const t = useT();
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={() => onChange(!pressed)}
      data-testid="reasoning-toggle"
      className="inline-flex h-8 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border border-neutral-200 px-3 text-neutral-600 text-xs transition-colors hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:border-brand-300 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-neutral-700 dark:text-neutral-300 dark:aria-pressed:border-brand-700 dark:aria-pressed:bg-brand-900/60 dark:aria-pressed:text-brand-100 dark:hover:bg-neutral-800"
    >
      <Icon name="atom" className="size-3.5" />
      {t.reasoning}
    </button>
  );
}
