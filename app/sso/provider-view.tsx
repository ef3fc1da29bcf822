import type { ComponentProps } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/ui/form";

type Field = ComponentProps<typeof CheckboxField>["field"];
type Fields = Record<
  | "displayName"
  | "issuer"
  | "clientId"
  | "clientSecret"
  | "allowedDomains"
  | "organizationId"
  | "createsUnknownUsers",
  Field
>;

/** The fields of a new identity provider and of changes to one. */
export function ProviderFields({
  fields,
  organizations,
  editing,
}: {
  fields: Fields;
  organizations: readonly { value: string; label: string }[];
  /** On edit the stored secret is kept when the field stays empty. */
  editing: boolean;
}) {
  return (
    <>
      <TextField
        field={fields.displayName}
        label="Name auf der Anmeldeseite"
        hint="Die Schaltfläche heißt „Anmelden mit …“ und diesem Namen, z. B. „Landkreis-Konto“."
        required
      />
      <TextField
        field={fields.issuer}
        type="url"
        label="Aussteller-URL (Issuer)"
        hint="Bei Keycloak: https://<Server>/realms/<Realm>. Das Portal liest daraus die übrigen Adressen (Discovery)."
        required
      />
      <TextField field={fields.clientId} label="Client-ID" autoComplete="off" required />
      <TextField
        field={fields.clientSecret}
        type="password"
        label="Client-Geheimnis"
        autoComplete="new-password"
        hint={
          editing
            ? "Wird nie wieder angezeigt. Leer lassen, um das gespeicherte Geheimnis zu behalten."
            : "Wird nach dem Speichern nie wieder angezeigt."
        }
        required={!editing}
      />
      <TextAreaField
        field={fields.allowedDomains}
        label="Erlaubte E-Mail-Domains"
        hint="Nur Personen mit einer bestätigten Adresse dieser Domains werden erkannt oder angelegt. Eine Domain je Zeile oder durch Komma getrennt, z. B. „landkreis.example“."
        rows={3}
        required
      />
      <SelectField
        field={fields.organizationId}
        label="Organisation"
        hint="Nur Mitglieder dieser Organisation werden erkannt; neue Personen kommen in diese Organisation."
        options={[{ value: "", label: "Bitte wählen" }, ...organizations]}
        required
      />
      <CheckboxField
        field={fields.createsUnknownUsers}
        label="Unbekannte Personen als Fachkraft anlegen"
        hint="Sonst wird abgewiesen, wer noch kein Konto hat. Neue Personen erhalten nie Administrationsrechte; die Organisations-Administration wird benachrichtigt."
      />
    </>
  );
}
