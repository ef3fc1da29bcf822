import type { SerializeFrom } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { attachedTexts } from "~/discussions/page-texts";
import { organizationKindLabels } from "~/organizations/texts";
import { CardSection } from "~/ui/card-section";
import { ShortTextAreaField } from "~/ui/form";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { plural } from "~/ui/plural";
import { adoptionSchema } from "./adoption-form";
import type { loadIdeaPage } from "./idea-page.server";
import { ideaStatusLabels, ideaVisibilityLabels } from "./texts";

/** The idea page: the idea, who else puts it into practice, and what the user may do with it. */
export function IdeaView({
  idea,
  adoptions,
  revisions,
  similar,
  discussionPosts,
  may,
}: SerializeFrom<typeof loadIdeaPage>) {
  const busy = useBusyIntent();
  const tags = [
    ...idea.targetGroups,
    ...idea.fieldsOfAction,
    ...idea.funding,
    ...idea.partnerKinds.map(
      (kind) => organizationKindLabels[kind as keyof typeof organizationKindLabels] ?? kind,
    ),
  ];

  return (
    <div className="stack-lg">
      <p>
        <Link to="/ideen">← Zur Ideenbörse</Link>
      </p>
      <div className="stack">
        <h1>{idea.title}</h1>
        <p className="lead">{idea.summary}</p>
        <p className="muted">
          {idea.status !== "published" ? (
            <span className="badge">{ideaStatusLabels[idea.status]}</span>
          ) : null}{" "}
          {idea.organizationName} · {idea.networkName} · {ideaVisibilityLabels[idea.visibility]}
          {idea.region ? ` · ${idea.region}` : ""}
          {idea.period ? ` · ${idea.period}` : ""}
        </p>
        {tags.length > 0 ? (
          <ul className="tag-list" aria-label="Einordnung">
            {tags.map((tag) => (
              <li key={tag} className="badge">
                {tag}
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <div className="columns">
        <div className="stack-lg">
          {idea.results.length > 0 ? (
            <CardSection id="ergebnisse" title="Ergebnisse">
              <ul className="result-figures">
                {idea.results.map((result) => (
                  <li key={`${result.label}-${result.value}`}>
                    <strong>{result.value}</strong>
                    {result.label}
                  </li>
                ))}
              </ul>
            </CardSection>
          ) : null}
          <CardSection id="beschreibung" title="Beschreibung">
            {/* Rendered from tiptap JSON and sanitized on the server (renderRichText). */}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: idea.bodyHtml }} />
            <p className="muted">
              Zuletzt geändert {formatDateTime(idea.updatedAt)} ·{" "}
              {plural(revisions, { one: "Fassung", other: "Fassungen" })}
            </p>
          </CardSection>
        </div>

        <div className="stack-lg">
          <CardSection id="kontakt" title="Ansprechperson">
            <p>
              {idea.contactName || idea.authorName}
              <br />
              {idea.organizationName}
            </p>
            {idea.contactEmail ? (
              <p>
                <a href={`mailto:${idea.contactEmail}`}>{idea.contactEmail}</a>
              </p>
            ) : null}
            {idea.contactPhone ? (
              <p>
                <a href={`tel:${idea.contactPhone.replace(/[^\d+]/g, "")}`}>{idea.contactPhone}</a>
              </p>
            ) : null}
          </CardSection>

          <CardSection id="diskussion" title={attachedTexts.heading}>
            <p>{attachedTexts.count(discussionPosts)}</p>
            <p>
              <Link to={`/diskussionen/zu/idee/${idea.id}`}>{attachedTexts.link}</Link>
            </p>
          </CardSection>

          <CardSection id="umsetzungen" title={`Das setzen auch um (${adoptions.length})`}>
            {adoptions.length === 0 ? (
              <p>Noch keine andere Organisation hat vermerkt, dass sie die Idee umsetzt.</p>
            ) : (
              <ul className="feed">
                {adoptions.map((adoption) => (
                  <li key={adoption.organizationId}>
                    <strong>{adoption.organizationName}</strong>
                    {adoption.note ? <span>{adoption.note}</span> : null}
                    <time dateTime={adoption.createdAt}>{formatDateTime(adoption.createdAt)}</time>
                  </li>
                ))}
              </ul>
            )}
            {may.adopt ? <AdoptionForm /> : null}
          </CardSection>

          <CardSection id="aktionen" title="Aktionen">
            <div className="actions">
              <IntentForm intent="bookmark">
                <SubmitButton className="button button--secondary" disabled={!!busy}>
                  {idea.bookmarked ? "Von der Merkliste nehmen" : "Auf die Merkliste"}
                </SubmitButton>
              </IntentForm>
              {may.edit ? (
                <>
                  <Link to={`/ideen/${idea.id}/bearbeiten`} className="button button--secondary">
                    Bearbeiten
                  </Link>
                  {idea.status !== "published" ? (
                    <IntentForm intent="publish">
                      <SubmitButton disabled={!!busy}>Veröffentlichen</SubmitButton>
                    </IntentForm>
                  ) : (
                    <IntentForm intent="archive">
                      <SubmitButton className="button button--danger" disabled={!!busy}>
                        Archivieren
                      </SubmitButton>
                    </IntentForm>
                  )}
                </>
              ) : null}
            </div>
          </CardSection>

          {similar.length > 0 ? (
            <CardSection id="aehnlich" title="Ähnliche Ideen">
              <ul className="feed">
                {similar.map((other) => (
                  <li key={other.id}>
                    <Link to={`/ideen/${other.id}`}>{other.title}</Link>
                  </li>
                ))}
              </ul>
            </CardSection>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** „Das setzen wir auch um“, with a note for the idea's authors. */
function AdoptionForm() {
  const busy = useBusyIntent();
  const [form, fields] = usePortalForm({
    schema: adoptionSchema,
    actionData: useActionData(),
    intent: "adopt",
  });
  return (
    <IntentForm intent="adopt" form={form} className="stack">
      <ShortTextAreaField
        field={fields.note}
        label="Kurze Notiz (optional)"
        hint="z. B. „Start im Herbst mit 10 Teilnehmenden“. Die Autorinnen und Autoren werden benachrichtigt."
      />
      <SubmitButton pending={busy === "adopt"} pendingLabel="Wird vermerkt …" disabled={!!busy}>
        Das setzen wir auch um
      </SubmitButton>
    </IntentForm>
  );
}
