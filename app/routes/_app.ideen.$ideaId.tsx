import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { authorize, can, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { attachedPostCount } from "~/discussions/attached.server";
import { attachedTexts } from "~/discussions/page-texts";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, parseForm, readForm, unhandledIntent } from "~/forms.server";
import { loadIdeaPage, similarIdeas } from "~/ideas/idea-page.server";
import {
  adoptIdea,
  getIdeaAccess,
  listAdoptions,
  revisionCount,
  setIdeaStatus,
  toggleBookmark,
} from "~/ideas/ideas.server";
import { ideaStatusLabels, ideaTexts, ideaVisibilityLabels } from "~/ideas/texts";
import { organizationKindLabels } from "~/organizations/texts";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, submitted, TextAreaField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.idea.title ?? "Idee"} – Ideenbörse – Netzwerke ABC` },
];

async function requireIdea(request: Request, ideaIdParam: string | undefined) {
  const user = await requireUser(request);
  const idea = await getIdeaAccess(requireUuid(ideaIdParam));
  if (!idea) throw notFound();
  return { user, idea };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, idea: access } = await requireIdea(request, params.ideaId);
  await authorize(user, { action: "idea.view", idea: access }, clientIp(request));
  const idea = await loadIdeaPage(access.id, user.id);
  if (!idea) throw notFound();
  const [adoptions, revisions, similar, discussionPosts] = await Promise.all([
    listAdoptions(access.id),
    revisionCount(access.id),
    similarIdeas(idea, user),
    attachedPostCount({ kind: "idea", ideaId: access.id }),
  ]);
  return json({
    idea,
    adoptions,
    revisions,
    similar,
    discussionPosts,
    may: {
      edit: can(user, { action: "idea.edit", idea: access }),
      adopt:
        can(user, { action: "idea.adopt", idea: access }) &&
        !adoptions.some((adoption) => adoption.organizationId === user.organizationId),
    },
  });
}

const adoptSchema = z.object({
  note: z.string().trim().max(500, ideaTexts.adoptionNoteTooLong).default(""),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, idea } = await requireIdea(request, params.ideaId);
  const ip = clientIp(request);
  const form = await readForm(request, { intents: ["bookmark", "adopt", "publish", "archive"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;
  const here = `/ideen/${idea.id}`;

  if (intent === "bookmark") {
    await authorize(user, { action: "idea.bookmark", idea }, ip);
    const added = await toggleBookmark(user.id, idea.id);
    return redirectWithFlash(here, added ? "bookmarkAdded" : "bookmarkRemoved");
  }
  if (intent === "adopt") {
    await authorize(user, { action: "idea.adopt", idea }, ip);
    const parsed = parseForm(formData, adoptSchema);
    if (!parsed.ok) return parsed.response;
    const result = await adoptIdea(user, idea.id, parsed.data.note, ip);
    if (!result.ok) return formFailure(formValues(formData), { note: result.message });
    return redirectWithFlash(here, "ideaAdopted");
  }
  if (intent === "publish" || intent === "archive") {
    await authorize(user, { action: "idea.edit", idea }, ip);
    await setIdeaStatus(user, idea.id, intent === "publish" ? "published" : "archived", ip);
    return redirectWithFlash(here, intent === "publish" ? "ideaPublished" : "ideaArchived");
  }
  return unhandledIntent(intent);
}

export default function IdeaPage() {
  const { idea, adoptions, revisions, similar, discussionPosts, may } =
    useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "adopt");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
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
              Zuletzt geändert {formatDateTime(idea.updatedAt)} · {revisions}{" "}
              {revisions === 1 ? "Fassung" : "Fassungen"}
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
            {may.adopt ? (
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="adopt" />
                <FormErrorSummary errors={feedback.errors} />
                <TextAreaField
                  id="adopt-note"
                  name="note"
                  label="Kurze Notiz (optional)"
                  hint="z. B. „Start im Herbst mit 10 Teilnehmenden“. Die Autorinnen und Autoren werden benachrichtigt."
                  rows={2}
                  maxLength={500}
                  defaultValue={submitted(feedback, "note")}
                  error={feedback.errors?.note}
                />
                <button type="submit" className="button" disabled={!!busy}>
                  {busy === "adopt" ? "Wird vermerkt …" : "Das setzen wir auch um"}
                </button>
              </Form>
            ) : null}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
