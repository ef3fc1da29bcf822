import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.verwaltung.netzwerke";
import { CardSection } from "~/ui/card-section";
import { SelectField, TextAreaField, TextField } from "~/ui/form";
import { IntentForm, SubmitButton, useBusyIntent } from "~/ui/intent-form";
import { usePortalForm } from "~/ui/portal-form";
import { DataTable } from "~/ui/data-table";
import { appointCoordinatorSchema, createNetworkSchema } from "./administration-form";

/** The platform administration's networks: the list, a new network, another coordinator. */
export function NetworkAdministrationView() {
  const { networks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [create, createFields] = usePortalForm({
    schema: createNetworkSchema,
    actionData,
    intent: "create",
  });
  const [appoint, appointFields] = usePortalForm({
    schema: appointCoordinatorSchema,
    actionData,
    intent: "appoint",
  });
  const busy = useBusyIntent();

  return (
    <div className="stack-lg">
      <h1>Netzwerke verwalten</h1>
      <CardSection id="netzwerke" title={`Netzwerke (${networks.length})`}>
        {networks.length === 0 ? (
          <p>Noch kein Netzwerk. Legen Sie unten das erste an.</p>
        ) : (
          <DataTable
            label="Netzwerke"
            columns={["Netzwerk", "Region", "Organisationen", "Koordination"]}
          >
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
          </DataTable>
        )}
      </CardSection>

      <div className="columns">
        <CardSection id="neues-netzwerk" title="Neues Netzwerk anlegen">
          <IntentForm intent="create" form={create} className="stack">
            <TextField field={createFields.name} label="Name" required />
            <TextField field={createFields.region} label="Region" required />
            <TextAreaField field={createFields.description} label="Beschreibung" rows={3} />
            <TextField
              field={createFields.coordinatorEmail}
              type="email"
              label="E-Mail der Netzwerkkoordination"
              hint="Die Person braucht bereits ein Konto im Portal. Ihre Organisation wird in das Netzwerk aufgenommen."
              required
            />
            <SubmitButton pending={busy === "create"} pendingLabel="Wird angelegt …">
              Netzwerk anlegen
            </SubmitButton>
          </IntentForm>
        </CardSection>
        {networks.length > 0 ? (
          <CardSection id="koordination-benennen" title="Weitere Koordination benennen">
            <IntentForm intent="appoint" form={appoint} className="stack">
              <SelectField
                field={appointFields.networkId}
                label="Netzwerk"
                options={networks.map((network) => ({ value: network.id, label: network.name }))}
              />
              <TextField
                field={appointFields.coordinatorEmail}
                type="email"
                label="E-Mail der Person"
                required
              />
              <SubmitButton pending={busy === "appoint"}>Koordination benennen</SubmitButton>
            </IntentForm>
          </CardSection>
        ) : null}
      </div>
    </div>
  );
}
