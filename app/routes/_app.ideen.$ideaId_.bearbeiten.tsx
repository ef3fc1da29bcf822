import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { ideaNetworksOf, submitIdeaForm } from "~/ideas/editor-page.server";
import { IdeaForm } from "~/ideas/idea-form";
import { loadIdeaForEditing } from "~/ideas/idea-page.server";
import { getIdeaAccess } from "~/ideas/ideas.server";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Idee bearbeiten – Netzwerke ABC" }];

async function requireEditableIdea(request: Request, ideaIdParam: string | undefined) {
  const user = await requireUser(request);
  const idea = await getIdeaAccess(requireUuid(ideaIdParam));
  if (!idea) throw notFound();
  await authorize(user, { action: "idea.edit", idea }, clientIp(request));
  return { user, idea };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, idea } = await requireEditableIdea(request, params.ideaId);
  const [initial, networks] = await Promise.all([
    loadIdeaForEditing(idea.id),
    ideaNetworksOf(user),
  ]);
  if (!initial) throw notFound();
  return json({ ideaId: idea.id, initial, networks });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, idea } = await requireEditableIdea(request, params.ideaId);
  return submitIdeaForm(request, user, idea.id);
}

export default function EditIdeaPage() {
  const { ideaId, initial, networks } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/ideen/${ideaId}`}>← Zurück zur Idee</Link>
      </p>
      <h1>Idee bearbeiten</h1>
      <p>Jede gespeicherte Änderung wird als neue Fassung aufbewahrt.</p>
      <IdeaForm
        initial={initial}
        networks={networks}
        feedback={feedback}
        published={initial.status === "published"}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
