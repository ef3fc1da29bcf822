import type { SerializeFrom } from "@remix-run/node";
import { formatDateTime, formatDay } from "~/ui/format";
import type { ReferralDetail } from "./referral-detail.server";
import {
  ageBandLabels,
  consentFormLabels,
  contactPreferenceLabels,
  declineReasonLabels,
  outcomeLabels,
  serviceCategoryLabels,
  statusLabels,
  urgencyLabels,
} from "./texts";

type Detail = SerializeFrom<ReferralDetail>;

/** A section of the summary: the referral, and the level of its heading on the page. */
type SectionProps = { detail: Detail; headingLevel?: 2 | 3 };

/** The facts of a referral, shared by the detail page and the print view. */
export function ReferralFacts({ detail, headingLevel = 2 }: SectionProps) {
  const Heading = `h${headingLevel}` as const;
  const { referral, consent } = detail;
  const counterpart = detail.side === "sender" ? detail.receiver : detail.sender;
  const counterpartContact = [counterpart.phone, counterpart.email].filter(Boolean).join(" · ");
  return (
    <>
      <section aria-labelledby="uebergabe-eckdaten" className="stack">
        <Heading id="uebergabe-eckdaten">Eckdaten</Heading>
        <dl className="details">
          <dt>Von</dt>
          <dd>
            {detail.sender.name} ({detail.createdByName})
          </dd>
          <dt>An</dt>
          <dd>
            {detail.receiver.name} – {detail.service.name}
          </dd>
          <dt>Gesendet</dt>
          <dd>{referral.sentAt ? formatDateTime(referral.sentAt) : "noch nicht gesendet"}</dd>
          <dt>Antwort bis</dt>
          <dd>
            {referral.dueOn
              ? `${formatDay(referral.dueOn)} (${detail.service.responseWorkingDays} Arbeitstage)`
              : "–"}
          </dd>
          <dt>Dringlichkeit</dt>
          <dd>{urgencyLabels[referral.urgency]}</dd>
          {counterpartContact ? (
            <>
              <dt>Kontakt</dt>
              <dd>
                {counterpart.name}: {counterpartContact}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="uebergabe-person" className="stack">
        <Heading id="uebergabe-person">Zur Person</Heading>
        {referral.anonymisedAt ? (
          <p>
            Nach Ablauf der Aufbewahrungsfrist am {formatDateTime(referral.anonymisedAt)}{" "}
            anonymisiert. Erhalten sind nur Status, Daten und Bedarfe.
          </p>
        ) : null}
        <dl className="details">
          <dt>Pseudonym</dt>
          <dd>{referral.pseudonym ?? "anonymisiert"}</dd>
          <dt>Altersgruppe</dt>
          <dd>{ageBandLabels[referral.ageBand]}</dd>
          <dt>Bedarfe</dt>
          <dd>{referral.needs.map((need) => serviceCategoryLabels[need]).join(", ")}</dd>
          <dt>Kontaktweg</dt>
          <dd>{contactPreferenceLabels[referral.contactPreference]}</dd>
        </dl>
        {referral.reason ? (
          <>
            <p>
              <strong>Anlass</strong>
            </p>
            <p className="note">{referral.reason}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="uebergabe-einwilligung" className="stack">
        <Heading id="uebergabe-einwilligung">Einwilligung</Heading>
        {consent ? (
          <dl className="details">
            <dt>Eingeholt</dt>
            <dd>
              {formatDay(consent.obtainedOn)} von {consent.obtainedBy ?? "(gelöscht)"},{" "}
              {consentFormLabels[consent.form]}
            </dd>
            <dt>Für</dt>
            <dd>{consent.organizationName}</dd>
            <dt>Zweck</dt>
            <dd>{consent.purpose ?? "(gelöscht)"}</dd>
            <dt>Gültig bis</dt>
            <dd>{formatDay(consent.validUntil)}</dd>
            <dt>Rückmeldungen</dt>
            <dd>
              {consent.coversFeedback
                ? "inhaltliche Rückmeldungen erlaubt"
                : "nur Status, Termine und Ergebnis"}
            </dd>
            {consent.revokedAt ? (
              <>
                <dt>Widerrufen</dt>
                <dd>{formatDateTime(consent.revokedAt)}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p>Noch keine Einwilligung erfasst. Ohne sie kann nicht gesendet werden.</p>
        )}
      </section>

      {referral.declineReason || referral.firstAppointmentOn || referral.outcome ? (
        <section aria-labelledby="uebergabe-ergebnis" className="stack">
          <Heading id="uebergabe-ergebnis">Rückmeldung</Heading>
          <dl className="details">
            {referral.declineReason ? (
              <>
                <dt>Abgelehnt, weil</dt>
                <dd>{declineReasonLabels[referral.declineReason]}</dd>
              </>
            ) : null}
            {referral.firstAppointmentOn ? (
              <>
                <dt>Ersttermin</dt>
                <dd>{formatDay(referral.firstAppointmentOn)}</dd>
              </>
            ) : null}
            {referral.outcome ? (
              <>
                <dt>Ergebnis</dt>
                <dd>{outcomeLabels[referral.outcome]}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </>
  );
}

/** Every status change with who, when and the note the viewer may read. */
export function ReferralTimeline({ detail, headingLevel = 2 }: SectionProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="uebergabe-verlauf" className="stack">
      <Heading id="uebergabe-verlauf">Verlauf</Heading>
      <ol className="timeline">
        {detail.timeline.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
            <p>
              <strong>{statusLabels[entry.toStatus]}</strong>
              {entry.actorName
                ? ` – ${entry.actorName}${entry.organizationName ? ` (${entry.organizationName})` : ""}`
                : ""}
            </p>
            {entry.note ? <p className="note">{entry.note}</p> : null}
            {entry.noteWithheld ? (
              <p className="muted">
                Die Beratungsstelle hat eine Notiz hinterlegt. Sie ist nur dort sichtbar, weil die
                Einwilligung keine inhaltlichen Rückmeldungen umfasst (§ 203 StGB).
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
