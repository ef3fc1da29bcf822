import { clientIp } from "~/request-context.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "~/auth/permissions.server";
import { requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { parseSubmission } from "~/form-schema";
import { readForm, rejectSubmission, unhandledIntent } from "~/forms.server";
import {
  administrationIntents,
  appointCoordinatorSchema,
  createNetworkSchema,
} from "~/networks/administration-form";
import { NetworkAdministrationView } from "~/networks/administration-view";
import { requireNetwork } from "~/networks/network-access.server";
import {
  appointCoordinator,
  createNetwork,
  listNetworksWithCounts,
} from "~/networks/networks.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Netzwerke verwalten – Netzwerke ABC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "network.create" }, clientIp());
  return json({ networks: await listNetworksWithCounts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp();
  const form = await readForm(request, { intents: administrationIntents });
  if (!form.ok) return form.response;
  const here = "/verwaltung/netzwerke";

  switch (form.intent) {
    case "create": {
      await authorize(user, { action: "network.create" }, ip);
      const submission = parseSubmission(form.formData, createNetworkSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await createNetwork(user, submission.value, ip);
      if (!result.ok) {
        return rejectSubmission(submission, { fields: { [result.field]: result.message } });
      }
      return redirectWithFlash(here, "networkCreated");
    }
    case "appoint": {
      // The network named by the form is loaded and authorized before the address is read.
      const network = await requireNetwork(
        user,
        String(form.formData.get("networkId") ?? ""),
        "network.appointCoordinator",
      );
      const submission = parseSubmission(form.formData, appointCoordinatorSchema);
      if (submission.status !== "success") return rejectSubmission(submission);
      const { coordinatorEmail } = submission.value;
      const result = await appointCoordinator(user, network.id, coordinatorEmail, ip);
      if (!result.ok) {
        return rejectSubmission(submission, { fields: { [result.field]: result.message } });
      }
      return redirectWithFlash(here, "coordinatorAppointed");
    }
    default:
      return unhandledIntent(form.intent);
  }
}

export default function NetworkAdministrationPage() {
  return <NetworkAdministrationView />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
