import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/request.server";
import { loadIdeaEditor, submitIdeaForm } from "~/ideas/editor-page.server";
import { requireIdea } from "~/ideas/idea-access.server";
import { IdeaEditor } from "~/ideas/idea-editor";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

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
    <SubPage backTo={`/ideen/${ideaId}`} backLabel="Zurück zur Idee" title="Idee bearbeiten">
      <p>Jede gespeicherte Änderung wird als neue Fassung aufbewahrt.</p>
      <IdeaEditor {...editor} />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
