import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/request.server";
import { requireNetwork } from "~/networks/network-access.server";
import { networkPageAction, networkPageData } from "~/networks/network-page.server";
import { NetworkView } from "~/networks/network-view";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.network.name ?? "Netzwerk"} – Netzwerke ABC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const network = await requireNetwork(user, params.networkId, "network.view");
  return json(await networkPageData(user, network));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const network = await requireNetwork(user, params.networkId, "network.view");
  return networkPageAction(request, user, network);
}

export default function NetworkPage() {
  return <NetworkView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
