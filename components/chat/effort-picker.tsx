import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { type Effort, efforts } from "@/lib/protocol/effort";

/**
 * How hard the model thinks (PROTOCOL.md section 19), beside the 深度思考 toggle while it is on: a
 * native <select> like the model picker, so keyboards, screen readers and phones need nothing more.
 */
export function EffortPicker({ value, onChange }: { value: Effort; onChange: (effort: Effort) => void }) {
  const t = useT();
  return (
    <div className="relative min-w-0">
      <label htmlFor="effort-picker" className="sr-only">
        {t.effort}
      </label>
      <select
        id="effort-picker"
        data-testid="effort-picker"
        value={value}
        title={t.effortHint}
        onChange={(event) => {
          const chosen = efforts.find((effort) => effort === event.target.value);
          if (chosen) onChange(chosen);
        }}
        className="h-8 appearance-none rounded-full border border-neutral-200 bg-transparent pr-7 pl-3 text-neutral-600 text-xs hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        {efforts.map((effort) => (
          <option key={effort} value={effort}>
            {t.effortLevel(effort)}
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
