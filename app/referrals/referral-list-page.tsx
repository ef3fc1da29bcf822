import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { referralStatuses } from "~/db/vocabularies";
import { formatDateTime, formatDay } from "~/ui/format";
import { plural } from "~/ui/plural";
import type { loadReferralList } from "./list-page.server";
import { StatusBadge } from "./status-badge";
import { statusLabels } from "./texts";
import { DataTable } from "~/ui/data-table";

const headings = {
  inbox: {
    title: "Eingang",
    lead: "Übergaben, die andere Organisationen Ihrer Organisation gesendet haben.",
    counterpart: "Von",
    empty:
      "Noch keine Übergaben im Eingang. Sobald eine Organisation Ihres Netzwerks Ihnen eine Übergabe sendet, erscheint sie hier – und Sie werden benachrichtigt.",
  },
  outbox: {
    title: "Gesendet",
    lead: "Übergaben, die Ihre Organisation angelegt oder gesendet hat.",
    counterpart: "An",
    empty: "Ihre Organisation hat noch keine Übergabe angelegt.",
  },
} as const;

export function ReferralListPage() {
  const data = useLoaderData<typeof loadReferralList>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const text = headings[data.box];
  const filtered = Boolean(data.filters.status || data.filters.serviceId || data.filters.overdue);
  const statuses = referralStatuses.filter((status) => data.box === "outbox" || status !== "draft");
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };

  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{text.title}</h1>
        <p className="lead">{text.lead}</p>
        <p>
          <Link to="/uebergaben/neu" className="button">
            Neue Übergabe anlegen
          </Link>
        </p>
      </div>

      <Form method="get" className="card filters" aria-label="Übergaben filtern">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={data.filters.status ?? ""}>
            <option value="">alle</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-service">Angebot</label>
          <select id="filter-service" name="serviceId" defaultValue={data.filters.serviceId ?? ""}>
            <option value="">alle</option>
            {data.services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox" htmlFor="filter-overdue">
          <input
            type="checkbox"
            id="filter-overdue"
            name="overdue"
            value="1"
            defaultChecked={data.filters.overdue}
          />
          nur überfällige
        </label>
        <button type="submit" className="button button--secondary">
          Filtern
        </button>
        {filtered ? <Link to=".">Filter zurücksetzen</Link> : null}
      </Form>

      <section aria-labelledby="liste" className="stack" aria-busy={navigation.state === "loading"}>
        <h2 id="liste">
          {plural(data.total, { one: "Übergabe", other: "Übergaben" })}
          {filtered ? " (gefiltert)" : ""}
        </h2>
        {data.referrals.length === 0 ? (
          <p className="card">
            {filtered
              ? "Keine Übergabe passt zu diesem Filter. Setzen Sie den Filter zurück, um alle zu sehen."
              : data.hasNetwork
                ? text.empty
                : "Ihre Organisation gehört noch keinem Netzwerk an. Die Netzwerkkoordination kann sie aufnehmen."}
          </p>
        ) : (
          <DataTable
            label="Übergaben"
            columns={["Person", text.counterpart, "Angebot", "Status", "Gesendet", "Antwort bis"]}
          >
            {data.referrals.map((referral) => (
              <tr key={referral.id}>
                <td>
                  <Link to={`/uebergaben/${referral.id}`}>
                    {referral.pseudonym ?? "anonymisiert"}
                  </Link>
                  {referral.urgency === "dringend" ? (
                    <span className="badge badge--warning">dringend</span>
                  ) : null}
                </td>
                <td>{referral.counterpartName}</td>
                <td>{referral.serviceName}</td>
                <td>
                  <StatusBadge status={referral.status} overdue={referral.overdue} />
                </td>
                <td>{referral.sentAt ? formatDateTime(referral.sentAt) : "–"}</td>
                <td>{referral.dueOn ? formatDay(referral.dueOn) : "–"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {data.pageCount > 1 ? (
          <nav className="pagination" aria-label="Seiten">
            {data.filters.page > 1 ? (
              <Link to={pageLink(data.filters.page - 1)}>← Zurück</Link>
            ) : null}
            <span>
              Seite {data.filters.page} von {data.pageCount}
            </span>
            {data.filters.page < data.pageCount ? (
              <Link to={pageLink(data.filters.page + 1)}>Weiter →</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
