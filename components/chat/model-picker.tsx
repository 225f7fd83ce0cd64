import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";

/** A native <select>: keyboard, screen readers and phones' pickers for free. */
export function ModelPicker({
  models,
  value,
  onChange,
}: {
  models: readonly string[];
  value: string;
  onChange: (model: string) => void;
}) {
  const t = useT();
  return (
    <div className="relative min-w-0">
      <label htmlFor="model-picker" className="sr-only">
        {t.model}
      </label>
      <select
        id="model-picker"
        data-testid="model-picker"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-8 w-full max-w-[11rem] appearance-none truncate rounded-full border border-neutral-200 bg-transparent pr-7 pl-3 text-neutral-600 text-xs hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        {models.map((model) => (
          <option key={model} value={model}>
            {model}
          </option>
        ))}
      </select>
      <Icon
        name="chevron-down"
        className="-translate-y-1/2 pointer-events-none absolute top-1/2 right-2.5 size-3.5 text-neutral-500"
      />
    </div>
  );
}
