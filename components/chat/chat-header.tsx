import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";

interface ChatHeaderProps {
  title: string;
  /** Below 768 px, where the sidebar is a drawer: whether it shows, and how to open it. */
  drawerOpen: boolean;
  onOpenDrawer: () => void;
  onNew: () => void;
}

/** The open conversation's title; on a phone, the buttons the hidden sidebar would offer. */
export function ChatHeader({ title, drawerOpen, onOpenDrawer, onNew }: ChatHeaderProps) {
  const t = useT();
  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-neutral-200 border-b px-2 md:px-4 dark:border-neutral-800">
      <IconButton
        label={t.openSidebar}
        className="md:hidden"
        aria-expanded={drawerOpen}
        data-testid="sidebar-toggle"
        onClick={onOpenDrawer}
      >
        <Icon name="menu" className="size-5" />
      </IconButton>
      <h1 data-testid="conversation-title" className="min-w-0 flex-1 truncate px-1 font-medium text-sm">
        {title}
      </h1>
      <IconButton label={t.newChat} className="md:hidden" onClick={onNew}>
        <Icon name="plus" className="size-5" />
      </IconButton>
    </header>
  );
}
