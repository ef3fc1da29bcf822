import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { ideaNetworksOf, submitIdeaForm } from "~/ideas/editor-page.server";
import { emptyIdea, IdeaForm } from "~/ideas/idea-form";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Idee beschreiben – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "idea.create" }, clientIp(request));
  const networks = await ideaNetworksOf(user);
  return json({ networks, initial: emptyIdea(networks[0]?.id ?? "", user.name, user.email) });
}

export async function action({ request }: ActionFunctionArgs) {
  return submitIdeaForm(request, await requireUser(request));
}

export default function NewIdeaPage() {
  const { networks, initial } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>());
  return (
    <div className="stack-lg">
      <p>
        <Link to="/ideen">← Zur Ideenbörse</Link>
      </p>
      <h1>Idee beschreiben</h1>
      <IdeaForm initial={initial} networks={networks} feedback={feedback} published={false} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
