import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import secondFactorStyles from "~/account/second-factor.css";
import { secondFactorAction, secondFactorState } from "~/account/second-factor.server";
import {
  RecoveryCodesOnce,
  SecondFactorSetup,
  SecondFactorStatus,
  secondFactorDone,
} from "~/account/second-factor-setup";
import { requireUser } from "~/auth/request.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { stylesheetLinks } from "~/ui/stylesheet";

export const meta: MetaFunction = () => [{ title: "Zweiter Faktor – Mein Konto – Netzwerke ABC" }];
export const links = stylesheetLinks(secondFactorStyles);

/** Only the person's own factor: there is nothing of anyone else to ask for. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await secondFactorState(user), { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return secondFactorAction(request, user);
}

export default function SecondFactorPage() {
  const factor = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = secondFactorDone(actionData);
  if (done) {
    return (
      <RecoveryCodesOnce codes={done.recoveryCodes} renewed={done.done === "renewed"}>
        <p>
          <Link to="/konto/zweiter-faktor">
            Ich habe die Codes aufbewahrt – zurück zur Übersicht
          </Link>
        </p>
      </RecoveryCodesOnce>
    );
  }
  return factor.state === "setup" ? (
    <SecondFactorSetup qrSvg={factor.qrSvg} secret={factor.secret} actionData={actionData} />
  ) : (
    <SecondFactorStatus
      confirmedAt={factor.confirmedAt}
      remainingRecoveryCodes={factor.remainingRecoveryCodes}
      actionData={actionData}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
