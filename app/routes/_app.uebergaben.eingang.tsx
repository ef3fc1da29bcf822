import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { loadReferralList } from "~/referrals/list-page.server";
import { ReferralListPage } from "~/referrals/referral-list-page";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Übergaben: Eingang – Netzwerke ABC" }];

export function loader({ request }: LoaderFunctionArgs) {
  return loadReferralList(request, "inbox");
}

export default ReferralListPage;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
