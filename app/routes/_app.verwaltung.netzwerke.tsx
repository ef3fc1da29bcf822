import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { authorize, notFound } from "~/auth/permissions.server";
import { clientIp, requireUser } from "~/auth/request.server";
import { redirectWithFlash } from "~/flash.server";
import { formFailure, formValues, parseForm, readForm, unhandledIntent } from "~/forms.server";
import {
  appointCoordinator,
  createNetwork,
  getNetwork,
  listNetworksWithCounts,
} from "~/networks/networks.server";
import { networkTexts } from "~/networks/texts";
import { requireUuid } from "~/params.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { feedbackFor, FormErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/form";
import { TableScroller } from "~/ui/table-scroller";

export const meta: MetaFunction = () => [{ title: "Netzwerke verwalten – Netzwerke ABC" }];

const coordinatorEmail = z.string().trim().email(networkTexts.coordinatorEmailInvalid);
const createSchema = z.object({
  name: z.string().trim().min(3, networkTexts.nameRequired).max(200),
  region: z.string().trim().min(2, networkTexts.regionRequired).max(200),
  description: z.string().trim().max(2000).default(""),
  coordinatorEmail,
});
const appointSchema = z.object({ networkId: z.string(), coordinatorEmail });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorize(user, { action: "network.create" }, clientIp(request));
  return json({ networks: await listNetworksWithCounts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ip = clientIp(request);
  const form = await readForm(request, { intents: ["create", "appoint"] });
  if (!form.ok) return form.response;
  const { formData, intent } = form;

  if (intent === "create") {
    await authorize(user, { action: "network.create" }, ip);
    const parsed = parseForm(formData, createSchema);
    if (!parsed.ok) return parsed.response;
    const result = await createNetwork(user, parsed.data, ip);
    if (!result.ok) return formFailure(formValues(formData), { [result.field]: result.message });
    return redirectWithFlash("/verwaltung/netzwerke", "networkCreated");
  }
  if (intent === "appoint") {
    const networkId = requireUuid(String(formData.get("networkId") ?? ""));
    await authorize(user, { action: "network.appointCoordinator", networkId }, ip);
    if (!(await getNetwork(networkId))) throw notFound();
    const parsed = parseForm(formData, appointSchema);
    if (!parsed.ok) return parsed.response;
    const result = await appointCoordinator(user, networkId, parsed.data.coordinatorEmail, ip);
    if (!result.ok) return formFailure(formValues(formData), { [result.field]: result.message });
    return redirectWithFlash("/verwaltung/netzwerke", "coordinatorAppointed");
  }
  return unhandledIntent(intent);
}

export default function NetworkAdministrationPage() {
  const { networks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const create = feedbackFor(actionData, "create");
  const appoint = feedbackFor(actionData, "appoint");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <div className="stack-lg">
      <h1>Netzwerke verwalten</h1>
      <section className="card stack" aria-labelledby="netzwerke">
        <h2 id="netzwerke">Netzwerke ({networks.length})</h2>
        {networks.length === 0 ? (
          <p>Noch kein Netzwerk. Legen Sie unten das erste an.</p>
        ) : (
          <TableScroller label="Netzwerke">
            <table>
              <thead>
                <tr>
                  <th scope="col">Netzwerk</th>
                  <th scope="col">Region</th>
                  <th scope="col">Organisationen</th>
                  <th scope="col">Koordination</th>
                </tr>
              </thead>
              <tbody>
                {networks.map((network) => (
                  <tr key={network.id}>
                    <th scope="row">
                      <Link to={`/netzwerke/${network.id}`}>{network.name}</Link>
                    </th>
                    <td>{network.region}</td>
                    <td>{network.organizationCount}</td>
                    <td>{network.coordinators.join(", ") || "noch nicht benannt"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>

      <div className="columns">
        <section className="card stack" aria-labelledby="neues-netzwerk">
          <h2 id="neues-netzwerk">Neues Netzwerk anlegen</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create" />
            <FormErrorSummary errors={create.errors} />
            <TextField
              id="network-name"
              name="name"
              label="Name"
              required
              defaultValue={create.values?.name ?? ""}
              error={create.errors?.name}
            />
            <TextField
              id="network-region"
              name="region"
              label="Region"
              required
              defaultValue={create.values?.region ?? ""}
              error={create.errors?.region}
            />
            <TextAreaField
              id="network-description"
              name="description"
              label="Beschreibung"
              rows={3}
              defaultValue={create.values?.description ?? ""}
              error={create.errors?.description}
            />
            <TextField
              id="network-coordinator"
              name="coordinatorEmail"
              type="email"
              label="E-Mail der Netzwerkkoordination"
              hint="Die Person braucht bereits ein Konto im Portal. Ihre Organisation wird in das Netzwerk aufgenommen."
              required
              defaultValue={create.values?.coordinatorEmail ?? ""}
              error={create.errors?.coordinatorEmail}
            />
            <button type="submit" className="button" disabled={busy === "create"}>
              {busy === "create" ? "Wird angelegt …" : "Netzwerk anlegen"}
            </button>
          </Form>
        </section>
        {networks.length > 0 ? (
          <section className="card stack" aria-labelledby="koordination-benennen">
            <h2 id="koordination-benennen">Weitere Koordination benennen</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="appoint" />
              <FormErrorSummary errors={appoint.errors} />
              <SelectField
                id="appoint-network"
                name="networkId"
                label="Netzwerk"
                options={networks.map((network) => ({ value: network.id, label: network.name }))}
                defaultValue={appoint.values?.networkId}
              />
              <TextField
                id="appoint-email"
                name="coordinatorEmail"
                type="email"
                label="E-Mail der Person"
                required
                defaultValue={appoint.values?.coordinatorEmail ?? ""}
                error={appoint.errors?.coordinatorEmail}
              />
              <button type="submit" className="button" disabled={busy === "appoint"}>
                Koordination benennen
              </button>
            </Form>
          </section>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
