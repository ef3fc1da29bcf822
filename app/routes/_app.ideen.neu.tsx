import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { loadIdeaEditor, submitIdeaForm } from "~/ideas/editor-page.server";
import { IdeaEditor } from "~/ideas/idea-editor";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SubPage } from "~/ui/sub-page";

export const meta: MetaFunction = () => [{ title: "Idee beschreiben – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "idea.create" }, clientIp());
  return json(await loadIdeaEditor(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "idea.create" }, clientIp());
  return submitIdeaForm(request, user);
}

export default function NewIdeaPage() {
  const editor = useLoaderData<typeof loader>();
  return (
    <SubPage backTo="/ideen" backLabel="Zur Ideenbörse" title="Idee beschreiben">
      <IdeaEditor {...editor} />
    </SubPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
