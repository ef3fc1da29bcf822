/** A number beside a link ("3 ungelesen"); nothing when it is 0. */
export function CountBadge({ count, label }: { count: number; label: string }) {
  if (count === 0) return null;
  return (
    <span className="badge badge--count">
      {count}
      <span className="visually-hidden"> {label}</span>
    </span>
  );
}
