import type { ReactNode } from "react";
import { TableScroller } from "./table-scroller";

/** A table's head: one row of column headings, in the order of the cells below. */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          // The headings are fixed for the table: their place is their identity.
          <th key={index} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A table of records in its scrolling frame: the column headings, the rows (`children`) and an
 * optional foot. The caption names the table for screen readers; `showCaption` shows it to all.
 */
export function DataTable({
  label,
  caption,
  showCaption = false,
  columns,
  foot,
  children,
}: {
  /** The name of the scrolling region. */
  label: string;
  caption?: ReactNode;
  showCaption?: boolean;
  columns: readonly ReactNode[];
  foot?: ReactNode;
  children: ReactNode;
}) {
  return (
    <TableScroller label={label}>
      <table>
        {caption ? (
          <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        ) : null}
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </TableScroller>
  );
}
