import { Icon, type IconName } from "@/components/ui/icons";

/**
 * A composer switch (深度思考, 联网搜索): a pressed/unpressed pill, like DeepSeek's own. On a phone
 * it shows its icon alone (the name stays for screen readers, and as the tooltip): with the effort
 * and model pickers beside them, two labelled pills push Send off a 375 px row.
 */
export function PillToggle({
  pressed,
  onChange,
  icon,
  label,
  title,
  testId,
}: {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
  icon: IconName;
  label: string;
  title?: string | undefined;
  testId: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={() => onChange(!pressed)}
      title={title ?? label}
      data-testid={testId}
      className="inline-flex h-8 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border border-neutral-200 px-2.5 text-neutral-600 sm:px-3 text-xs transition-colors hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:border-brand-300 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-neutral-700 dark:text-neutral-300 dark:aria-pressed:border-brand-700 dark:aria-pressed:bg-brand-900/60 dark:aria-pressed:text-brand-100 dark:hover:bg-neutral-800"
    >
      <Icon name={icon} className="size-3.5" />
      <span className="max-sm:sr-only">{label}</span>
    </button>
  );
}
