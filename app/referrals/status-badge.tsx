import { type ReferralStatus } from "~/db/vocabularies";
import { isEnded } from "./state-machine";
import { statusLabels } from "./texts";

export function StatusBadge({ status, overdue }: { status: ReferralStatus; overdue: boolean }) {
  return (
    <>
      <span className={isEnded(status) ? "badge badge--ended" : "badge"}>
        {statusLabels[status]}
      </span>
      {overdue ? <span className="badge badge--warning">überfällig</span> : null}
    </>
  );
}
