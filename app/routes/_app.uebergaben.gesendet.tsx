import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { loadReferralList } from "~/referrals/list-page.server";
import { ReferralListPage } from "~/referrals/referral-list-page";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Übergaben: Gesendet – Netzwerke ABC" }];

export function loader({ request }: LoaderFunctionArgs) {
  return loadReferralList(request, "outbox");
}

export default ReferralListPage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
