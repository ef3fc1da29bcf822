import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { attachedTexts } from "~/discussions/page-texts";
import { organizationKindLabels } from "~/organizations/texts";
import { FormErrorSummary, TextAreaField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { formatDateTime } from "~/ui/format";
import { plural } from "~/ui/plural";
import { adoptionSchema } from "./adoption-form";
import type { loadIdeaPage } from "./idea-page.server";
import { ideaStatusLabels, ideaVisibilityLabels } from "./texts";

/** The intent of the form being sent, if any: every button of the page waits for it. */
function useBusyIntent() {
  const navigation = useNavigation();
  return navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
}

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
            <section className="card stack" aria-labelledby="ergebnisse">
              <h2 id="ergebnisse">Ergebnisse</h2>
              <ul className="result-figures">
                {idea.results.map((result) => (
                  <li key={`${result.label}-${result.value}`}>
                    <strong>{result.value}</strong>
                    {result.label}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="card stack" aria-labelledby="beschreibung">
            <h2 id="beschreibung">Beschreibung</h2>
            {/* Rendered from tiptap JSON and sanitized on the server (renderRichText). */}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: idea.bodyHtml }} />
            <p className="muted">
              Zuletzt geändert {formatDateTime(idea.updatedAt)} ·{" "}
              {plural(revisions, { one: "Fassung", other: "Fassungen" })}
            </p>
          </section>
        </div>

        <div className="stack-lg">
          <section className="card stack" aria-labelledby="kontakt">
            <h2 id="kontakt">Ansprechperson</h2>
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
          </section>

          <section className="card stack" aria-labelledby="diskussion">
            <h2 id="diskussion">{attachedTexts.heading}</h2>
            <p>{attachedTexts.count(discussionPosts)}</p>
            <p>
              <Link to={`/diskussionen/zu/idee/${idea.id}`}>{attachedTexts.link}</Link>
            </p>
          </section>

          <section className="card stack" aria-labelledby="umsetzungen">
            <h2 id="umsetzungen">Das setzen auch um ({adoptions.length})</h2>
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
          </section>

          <section className="card stack" aria-labelledby="aktionen">
            <h2 id="aktionen">Aktionen</h2>
            <div className="actions">
              <Form method="post">
                <input type="hidden" name="intent" value="bookmark" />
                <button type="submit" className="button button--secondary" disabled={!!busy}>
                  {idea.bookmarked ? "Von der Merkliste nehmen" : "Auf die Merkliste"}
                </button>
              </Form>
              {may.edit ? (
                <>
                  <Link to={`/ideen/${idea.id}/bearbeiten`} className="button button--secondary">
                    Bearbeiten
                  </Link>
                  {idea.status !== "published" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="publish" />
                      <button type="submit" className="button" disabled={!!busy}>
                        Veröffentlichen
                      </button>
                    </Form>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="archive" />
                      <button type="submit" className="button button--danger" disabled={!!busy}>
                        Archivieren
                      </button>
                    </Form>
                  )}
                </>
              ) : null}
            </div>
          </section>

          {similar.length > 0 ? (
            <section className="card stack" aria-labelledby="aehnlich">
              <h2 id="aehnlich">Ähnliche Ideen</h2>
              <ul className="feed">
                {similar.map((other) => (
                  <li key={other.id}>
                    <Link to={`/ideen/${other.id}`}>{other.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
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
    <Form method="post" className="stack" {...formProps(form)}>
      <input type="hidden" name="intent" value="adopt" />
      <FormErrorSummary form={form} />
      <TextAreaField
        field={fields.note}
        label="Kurze Notiz (optional)"
        hint="z. B. „Start im Herbst mit 10 Teilnehmenden“. Die Autorinnen und Autoren werden benachrichtigt."
        rows={2}
        maxLength={500}
      />
      <button type="submit" className="button" disabled={!!busy}>
        {busy === "adopt" ? "Wird vermerkt …" : "Das setzen wir auch um"}
      </button>
    </Form>
  );
}
