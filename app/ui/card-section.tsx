import type { ReactNode } from "react";

/** A card of a page with its own heading, which also names the section for screen readers. */
export function CardSection({
  id,
  title,
  children,
}: {
  /** The heading's id: the section's accessible name and an anchor. */
  id: string;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
