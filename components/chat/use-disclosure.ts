"use client";

import { useId, useState } from "react";

// A button that shows and hides a region: the open state, and the ARIA that ties the button to
// what it controls (the reasoning panel, a tool card, a long JSON value).

export function useDisclosure(initiallyOpen: boolean) {
  const [open, setOpen] = useState(initiallyOpen);
  const regionId = useId();
  return {
    open,
    setOpen,
    regionId,
    /** For the <button type="button"> that opens and closes it. */
    toggle: {
      "aria-expanded": open,
      "aria-controls": regionId,
      onClick: () => setOpen((value) => !value),
    },
  };
}
