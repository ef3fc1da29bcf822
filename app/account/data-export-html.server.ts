import type {
  DigestFrequency,
  IdeaStatus,
  IdeaVisibility,
  MemberRole,
  NotificationDelivery,
  NotificationKind,
  ReferralStatus,
  ReservationStatus,
} from "~/db/vocabularies";
import { reservationStatusLabels } from "~/events/texts";
import { ideaStatusLabels, ideaVisibilityLabels } from "~/ideas/texts";
import {
  digestFrequencyLabels,
  hourLabel,
  notificationDeliveryLabels,
  notificationKindLabels,
} from "~/notifications/texts";
import { memberRoleLabels } from "~/organizations/texts";
import { statusLabels as referralStatusLabels } from "~/referrals/texts";
import { formatDateTime } from "~/ui/format";
import {
  dataExportExclusions,
  dataExportSections,
  dataExportTexts,
  type DataExportSectionKey,
} from "./data-export-texts";
import type { ExportRecord, ExportSection } from "./data-export.server";

/**
 * The readable copy of "Meine Daten": one standalone German HTML document (no scripts, no
 * external files), with a table per section. Every value is escaped; post texts are the plain
 * text of the stored document, not its HTML.
 */

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapes[character]!);
}

type Row = ExportRecord;
type Value = (row: Row) => string;

const field =
  (name: string): Value =>
  (row) => {
    const value = row[name];
    if (value === null || value === undefined || value === "") return "–";
    if (value instanceof Date) return formatDateTime(value);
    return String(value);
  };
const time = field;
const labelled =
  <Code extends string>(name: string, labels: Record<Code, string>): Value =>
  (row) =>
    labels[row[name] as Code] ?? field(name)(row);
const yesNo =
  (name: string): Value =>
  (row) =>
    row[name] ? "ja" : "nein";

interface Column {
  label: string;
  value: Value;
  /** Multi-line text: shown with its line breaks. */
  text?: boolean;
}

const revisionsText: Value = (row) => {
  const revisions = (row.revisions ?? []) as { replacedAt: Date; text: string }[];
  return revisions
    .map((revision) => `Bis ${formatDateTime(revision.replacedAt)}:\n${revision.text}`)
    .join("\n\n");
};

const postText: Value = (row) =>
  row.textWithheld ? dataExportTexts.textWithheld : String(row.text ?? "");

/** What each section shows: its fields (one record) or its table's columns (a list). */
const layouts: Record<DataExportSectionKey, Column[]> = {
  profile: [
    { label: "Name", value: field("name") },
    { label: "Funktion", value: field("jobTitle") },
    { label: "Telefon", value: field("phone") },
    { label: "E-Mail-Adresse", value: field("email") },
    { label: "Organisation", value: field("organization") },
    { label: "Rolle", value: labelled<MemberRole>("role", memberRoleLabels) },
    { label: "Plattform-Administration", value: yesNo("isPlatformAdmin") },
    { label: "Konto angelegt", value: time("createdAt") },
    {
      label: "Zweiter Faktor",
      value: (row) => {
        const factor = row.secondFactor as { confirmedAt: Date } | null;
        return factor
          ? `eingerichtet am ${formatDateTime(factor.confirmedAt)}`
          : "nicht eingerichtet";
      },
    },
    {
      label: "Identitätsanbieter",
      value: (row) =>
        (row.identityProviders as { provider: string; linkedAt: Date }[])
          .map((identity) => `${identity.provider} (seit ${formatDateTime(identity.linkedAt)})`)
          .join(", ") || "–",
    },
    {
      label: "Koordination von Netzwerken",
      value: (row) =>
        (row.coordinatedNetworks as { network: string }[])
          .map((entry) => entry.network)
          .join(", ") || "–",
    },
  ],
  sessions: [
    { label: "Browser", value: field("browser") },
    { label: "System", value: field("system") },
    { label: "Angemeldet seit", value: time("startedAt") },
    { label: "Zuletzt aktiv", value: time("lastSeenAt") },
  ],
  notificationPreferences: [
    { label: "Art", value: labelled<NotificationKind>("kind", notificationKindLabels) },
    {
      label: "Zustellung",
      value: labelled<NotificationDelivery>("delivery", notificationDeliveryLabels),
    },
  ],
  digestSettings: [
    { label: "Häufigkeit", value: labelled<DigestFrequency>("frequency", digestFrequencyLabels) },
    { label: "Uhrzeit", value: (row) => hourLabel(Number(row.hour)) },
    { label: "Zuletzt verschickt", value: time("lastSentAt") },
  ],
  posts: [
    { label: "Thema", value: field("threadTitle") },
    { label: "Geschrieben", value: time("createdAt") },
    { label: "Bearbeitet", value: time("editedAt") },
    { label: "Gelöscht", value: time("deletedAt") },
    { label: "Text", value: postText, text: true },
    { label: "Frühere Fassungen", value: revisionsText, text: true },
  ],
  ideas: [
    { label: "Titel", value: field("title") },
    { label: "Status", value: labelled<IdeaStatus>("status", ideaStatusLabels) },
    { label: "Sichtbarkeit", value: labelled<IdeaVisibility>("visibility", ideaVisibilityLabels) },
    { label: "Angelegt", value: time("createdAt") },
    { label: "Zuletzt geändert", value: time("updatedAt") },
    { label: "Kurzbeschreibung", value: field("summary"), text: true },
    { label: "Text", value: field("text"), text: true },
  ],
  referrals: [
    { label: "Angebot", value: field("service") },
    { label: "An", value: field("receiver") },
    { label: "Status", value: labelled<ReferralStatus>("status", referralStatusLabels) },
    { label: "Angelegt", value: time("createdAt") },
    { label: "Gesendet", value: time("sentAt") },
    { label: "Beendet", value: time("closedAt") },
  ],
  reservations: [
    { label: "Veranstaltung", value: field("event") },
    { label: "Beginn", value: time("eventStartsAt") },
    { label: "Status", value: labelled<ReservationStatus>("status", reservationStatusLabels) },
    { label: "Reserviert", value: time("createdAt") },
    { label: "Storniert", value: time("cancelledAt") },
  ],
  pledges: [
    { label: "Maßnahme", value: field("course") },
    { label: "Beginn", value: field("courseStartDate") },
    { label: "Plätze", value: field("seats") },
    { label: "Zuletzt geändert", value: time("updatedAt") },
  ],
  notifications: [
    { label: "Art", value: labelled<NotificationKind>("kind", notificationKindLabels) },
    { label: "Text", value: field("message") },
    { label: "Link", value: field("link") },
    { label: "Erhalten", value: time("createdAt") },
    { label: "Gelesen", value: time("readAt") },
  ],
  auditEntries: [
    { label: "Zeitpunkt", value: time("occurredAt") },
    { label: "Handlung", value: field("action") },
    {
      label: "Betrifft",
      value: (row) => [row.targetType, row.targetId].filter(Boolean).join(" ") || "–",
    },
    {
      label: "Angaben",
      value: (row) =>
        Object.entries((row.details ?? {}) as Record<string, unknown>)
          .map(([key, value]) => `${key}: ${String(value)}`)
          .join("\n") || "–",
      text: true,
    },
  ],
};

const styles = `
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a;background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
caption{text-align:left;font-weight:600}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
a{color:#0b4f8a}
dt{font-weight:600}
dd{margin:0 0 .5rem}
`;

function cell(column: Column, row: Row): string {
  const value = escapeHtml(column.value(row));
  return column.text ? `<td class="text">${value}</td>` : `<td>${value}</td>`;
}

/** The readable copy: the document's head and table of contents, then section by section. */
export async function* htmlExport(
  person: { name: string; organizationName: string },
  sections: ExportSection[],
  now = new Date(),
): AsyncIterable<string> {
  const title = escapeHtml(dataExportTexts.documentTitle);
  yield `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${escapeHtml(person.name)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(dataExportTexts.createdFor(person.name, person.organizationName, formatDateTime(now)))}</p>
<p>${escapeHtml(dataExportTexts.legalBasis)}</p>
<nav aria-label="Inhalt"><ul>
${dataExportSections.map((section) => `<li><a href="#${section.key}">${escapeHtml(section.title)}</a></li>`).join("\n")}
<li><a href="#nicht-enthalten">${escapeHtml(dataExportTexts.excludedHeading)}</a></li>
</ul></nav>
`;
  for (const section of sections) {
    const meta = dataExportSections.find((entry) => entry.key === section.key)!;
    const columns = layouts[section.key];
    yield `<section aria-labelledby="${section.key}">\n<h2 id="${section.key}">${escapeHtml(meta.title)}</h2>\n<p>${escapeHtml(meta.description)}</p>\n`;
    if (section.kind === "record") {
      const record = await section.read();
      yield record
        ? `<dl>\n${columns
            .map(
              (column) =>
                `<dt>${escapeHtml(column.label)}</dt><dd class="text">${escapeHtml(column.value(record))}</dd>`,
            )
            .join("\n")}\n</dl>\n</section>\n`
        : `<p>${escapeHtml(dataExportTexts.none)}</p>\n</section>\n`;
      continue;
    }
    let opened = false;
    for await (const batch of section.batches()) {
      if (!opened) {
        yield `<table>\n<caption>${escapeHtml(meta.title)}</caption>\n<thead><tr>${columns
          .map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`)
          .join("")}</tr></thead>\n<tbody>\n`;
        opened = true;
      }
      yield batch
        .map((row) => `<tr>${columns.map((column) => cell(column, row)).join("")}</tr>`)
        .join("\n");
    }
    yield opened
      ? "\n</tbody>\n</table>\n</section>\n"
      : `<p>${escapeHtml(dataExportTexts.none)}</p>\n</section>\n`;
  }
  yield `<section aria-labelledby="nicht-enthalten">
<h2 id="nicht-enthalten">${escapeHtml(dataExportTexts.excludedHeading)}</h2>
<ul>
${dataExportExclusions.map((entry) => `<li>${escapeHtml(entry)}</li>`).join("\n")}
</ul>
</section>
</main>
</body>
</html>
`;
}
