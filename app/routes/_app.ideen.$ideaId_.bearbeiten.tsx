import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { loadIdeaEditor, submitIdeaForm } from "~/ideas/editor-page.server";
import { requireIdea } from "~/ideas/idea-access.server";
import { IdeaEditor } from "~/ideas/idea-editor";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Idee bearbeiten – Netzwerke ABC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await requireIdea(user, params.ideaId, "idea.edit");
  return json({ ideaId: idea.id, ...(await loadIdeaEditor(user, idea)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const idea = await requireIdea(user, params.ideaId, "idea.edit");
  return submitIdeaForm(request, user, idea);
}

export default function EditIdeaPage() {
  const { ideaId, ...editor } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <p>
        <Link to={`/ideen/${ideaId}`}>← Zurück zur Idee</Link>
      </p>
      <h1>Idee bearbeiten</h1>
      <p>Jede gespeicherte Änderung wird als neue Fassung aufbewahrt.</p>
      <IdeaEditor {...editor} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
