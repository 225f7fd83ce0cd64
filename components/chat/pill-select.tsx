import { Icon } from "@/components/ui/icons";

interface PillSelectProps<T extends string> {
  id: string;
  /** Read by screen readers; the pill shows only the chosen option. */
  label: string;
  value: T;
  options: readonly { value: T; text: string }[];
  onChange: (value: T) => void;
  title?: string | undefined;
  /** The wrapper's and the select's own classes: how the pill gives way in a crowded row. */
  wrapperClass: string;
  selectClass?: string;
}

/** The composer's pickers: a native <select> (keyboards, screen readers and phones' pickers for free) in a pill. */
export function PillSelect<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  title,
  wrapperClass,
  selectClass = "",
}: PillSelectProps<T>) {
  return (
    <div className={`relative ${wrapperClass}`}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        data-testid={id}
        value={value}
        title={title}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
        className={`h-8 appearance-none rounded-full border border-neutral-200 bg-transparent pr-6 pl-2 text-neutral-600 sm:pr-7 sm:pl-3 text-xs hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700 dark:text-neutral-300 dark:hover:bg-neutral-800 ${selectClass}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
      <Icon
        name="chevron-down"
        className="-translate-y-1/2 pointer-events-none absolute top-1/2 right-2 size-3.5 sm:right-2.5 text-neutral-500"
      />
    </div>
  );
}
