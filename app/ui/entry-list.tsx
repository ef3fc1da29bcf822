import type { ReactNode } from "react";

/**
 * A list of entries in a card (activity, notifications, organisations …), or what to say while
 * there are none. `children` draws one entry as its `<li>`.
 */
export function EntryList<Entry>({
  entries,
  empty,
  className = "feed",
  children,
}: {
  entries: readonly Entry[];
  empty: ReactNode;
  className?: string;
  children: (entry: Entry) => ReactNode;
}) {
  if (entries.length === 0) return <p>{empty}</p>;
  return <ul className={className}>{entries.map(children)}</ul>;
}
