import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import secondFactorStyles from "~/account/second-factor.css";
import {
  hasConfirmedSecondFactor,
  secondFactorAction,
  secondFactorState,
} from "~/account/second-factor.server";
import {
  RecoveryCodesOnce,
  SecondFactorSetup,
  secondFactorDone,
} from "~/account/second-factor-setup";
import { safeRedirectTarget } from "~/auth/redirect-target";
import { getUser, requireSignInStep, signInStepPaths } from "~/auth/request.server";
import { PublicErrorBoundary, PublicLayout } from "~/ui/public-layout";
import { stylesheetLinks } from "~/ui/stylesheet";

export const meta: MetaFunction = () => [{ title: "Zweiten Faktor einrichten – Netzwerke ABC" }];
export const links = stylesheetLinks(secondFactorStyles);

const title = "Zweiten Faktor einrichten";

/**
 * For a person who must have a second factor and has none: nothing else opens until it is set
 * up (requireUser sends every other request here). Once it is confirmed the page stays open to
 * show the recovery codes; a person who needs no set-up is sent on.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) throw redirect("/anmelden");
  if (user.pendingStep === "second_factor") throw redirect(signInStepPaths.second_factor);
  const target = safeRedirectTarget(new URL(request.url).searchParams.get("weiter"));
  if (user.pendingStep === null && !(await hasConfirmedSecondFactor(user.id))) {
    throw redirect(target);
  }
  const factor = await secondFactorState(user);
  return json(
    { target, factor: factor.state === "setup" ? factor : null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSignInStep(request, "second_factor_setup");
  return secondFactorAction(request, user, ["confirm"]);
}

export default function RequiredSecondFactorPage() {
  const { target, factor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = secondFactorDone(actionData);
  const onward = (
    <p>
      <Link className="button" to={target}>
        Weiter zum Portal
      </Link>
    </p>
  );
  return (
    <PublicLayout title={title}>
      {done ? (
        <RecoveryCodesOnce codes={done.recoveryCodes}>{onward}</RecoveryCodesOnce>
      ) : factor ? (
        <>
          <p>
            Für Ihr Konto ist eine Anmeldung mit zweitem Faktor vorgeschrieben – von der
            Administration Ihrer Organisation oder der Plattform, weil Ihr Konto Zugang zu
            vertraulichen Daten oder Verwaltungsrechten hat. Bevor Sie weiterarbeiten können,
            richten Sie ihn bitte jetzt ein. Das dauert etwa zwei Minuten.
          </p>
          <SecondFactorSetup qrSvg={factor.qrSvg} secret={factor.secret} actionData={actionData} />
        </>
      ) : (
        <>
          <p>Ihr zweiter Faktor ist eingerichtet.</p>
          {onward}
        </>
      )}
      <Form method="post" action="/abmelden">
        <button type="submit" className="button button--secondary">
          Abmelden
        </button>
      </Form>
    </PublicLayout>
  );
}

export function ErrorBoundary() {
  return <PublicErrorBoundary title={title} />;
}
