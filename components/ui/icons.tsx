import type { SVGProps } from "react";

// Inline stroke icons (24×24 grid, Lucide-like) so the UI needs no icon package. Decorative by
// default: the button around an icon carries the accessible name. One <svg> frame; per icon, only
// what it draws.

/** A circle or a rectangle; `fill` fills it with the text colour instead of stroking it only. */
type Figure =
  | { circle: [cx: number, cy: number, r: number]; fill?: true }
  | { rect: [x: number, y: number, width: number, height: number, rx: number]; fill?: true };

/** A path's data, or a figure. */
type Shape = string | Figure;

const drawings = {
  menu: ["M4 6h16M4 12h16M4 18h16"],
  plus: ["M12 5v14M5 12h14"],
  pencil: ["M12 20h9", "M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z"],
  trash: ["M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"],
  copy: [{ rect: [9, 9, 12, 12, 2] }, "M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1"],
  check: ["M20 6 9 17l-5-5"],
  refresh: ["M21 12a9 9 0 1 1-3-6.7L21 8", "M21 3v5h-5"],
  stop: [{ rect: [6, 6, 12, 12, 2], fill: true }],
  "arrow-up": ["M12 19V5M5 12l7-7 7 7"],
  "arrow-down": ["M12 5v14M19 12l-7 7-7-7"],
  atom: [
    { circle: [12, 12, 1] },
    "M20.2 20.2c2-2-.1-7.4-4.7-12s-10-6.7-11.9-4.7c-2 2 .1 7.4 4.7 12s10 6.7 11.9 4.7Z",
    "M15.7 15.7c4.6-4.6 6.7-10 4.7-11.9-2-2-7.4.1-12 4.7s-6.7 10-4.7 11.9c2 2 7.4-.1 12-4.7Z",
  ],
  "chevron-down": ["m6 9 6 6 6-6"],
  "chevron-left": ["m15 18-6-6 6-6"],
  "chevron-right": ["m9 18 6-6-6-6"],
  wrench: [
    "M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.8-3.8a6 6 0 0 1-7.9 7.9l-6.9 6.9a2.1 2.1 0 0 1-3-3l6.9-6.9a6 6 0 0 1 7.9-7.9l-3.8 3.8Z",
  ],
  sun: [
    { circle: [12, 12, 4] },
    "M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4",
  ],
  moon: ["M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z"],
  monitor: [{ rect: [2, 3, 20, 14, 2] }, "M8 21h8M12 17v4"],
  close: ["M18 6 6 18M6 6l12 12"],
  search: [{ circle: [11, 11, 7] }, "m20 20-3.5-3.5"],
  globe: [
    { circle: [12, 12, 10] },
    "M2 12h20",
    "M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10Z",
  ],
  share: ["M4 12v7a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-7", "m16 6-4-4-4 4", "M12 2v13"],
  external: ["M15 3h6v6", "M10 14 21 3", "M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"],
  more: [
    { circle: [5, 12, 1.5], fill: true },
    { circle: [12, 12, 1.5], fill: true },
    { circle: [19, 12, 1.5], fill: true },
  ],
  download: ["M12 3v12", "m7 10 5 5 5-5", "M5 21h14"],
  paperclip: [
    "m21.4 11-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5",
  ],
  file: ["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8Z", "M14 2v6h6"],
  upload: ["M12 15V3", "m7 8 5-5 5 5", "M5 21h14"],
  alert: ["m21.7 18-8-14a2 2 0 0 0-3.5 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.7-3Z", "M12 9v4M12 17h.01"],
  key: [{ circle: [7.5, 15.5, 5.5] }, "m21 2-9.6 9.6M15.5 7.5l3 3L22 7l-3-3"],
  /** A small ring that spins; still (a ring) when the reader prefers reduced motion. */
  spinner: ["M21 12a9 9 0 1 1-6.2-8.6"],
  /** DeepSeek-like whale mark, drawn simply; the assistant's avatar and the app icon. */
  logo: [
    "M3 12c0 4.4 3.6 8 8 8 3.7 0 6.8-2.5 7.7-6 1.2.3 2.3-.3 2.3-1.6 0-1-.8-1.6-1.6-1.4-.4-4-3.8-7-8-7",
    "M11.4 4C7 4 3 7.4 3 12",
    "M8 13c1.5 1.8 4.5 2 6 .5",
    { circle: [14.5, 9.5, 0.8], fill: true },
  ],
} satisfies Record<string, Shape[]>;

export type IconName = keyof typeof drawings;

interface IconProps extends SVGProps<SVGSVGElement> {
  name: IconName;
}

export function Icon({ name, className = "size-4", ...props }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      // The logo's finer line reads better at avatar size.
      strokeWidth={name === "logo" ? 1.8 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={name === "spinner" ? `animate-spin ${className}` : className}
      {...props}
    >
      {drawings[name].map((shape: Shape) => draw(shape))}
    </svg>
  );
}

function draw(shape: Shape) {
  if (typeof shape === "string") return <path key={shape} d={shape} />;
  const fill = shape.fill ? "currentColor" : undefined;
  if ("circle" in shape) {
    const [cx, cy, r] = shape.circle;
    return <circle key={`circle ${shape.circle}`} cx={cx} cy={cy} r={r} fill={fill} />;
  }
  const [x, y, width, height, rx] = shape.rect;
  return <rect key={`rect ${shape.rect}`} x={x} y={y} width={width} height={height} rx={rx} fill={fill} />;
}
