import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { action, loader } from "~/routes/_app.verwaltung.netzwerke";
import { FormErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/form";
import { formProps, usePortalForm } from "~/ui/portal-form";
import { TableScroller } from "~/ui/table-scroller";
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
          <Form method="post" className="stack" {...formProps(create)}>
            <input type="hidden" name="intent" value="create" />
            <FormErrorSummary form={create} />
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
            <button type="submit" className="button" disabled={busy === "create"}>
              {busy === "create" ? "Wird angelegt …" : "Netzwerk anlegen"}
            </button>
          </Form>
        </section>
        {networks.length > 0 ? (
          <section className="card stack" aria-labelledby="koordination-benennen">
            <h2 id="koordination-benennen">Weitere Koordination benennen</h2>
            <Form method="post" className="stack" {...formProps(appoint)}>
              <input type="hidden" name="intent" value="appoint" />
              <FormErrorSummary form={appoint} />
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
