// The cancel link of a company's bank-details change, e-mailed to the company's contact address
// and to the administrator (the flow is bank-change-cancel-link.tsx's).
import { CANCEL_PATH, cancelBankChange, verifyCancelToken } from "../../../core/employeur/bank-details.ts";
import { AnnulationPage } from "../../views/employeur/coordonnees-bancaires-page.tsx";
import { bankChangeCancelLinkRoutes } from "../bank-change-cancel-link.tsx";

export const cancelLinkRoutes = bankChangeCancelLinkRoutes({
	path: CANCEL_PATH,
	title: "Annuler un changement de coordonnées bancaires",
	verify: verifyCancelToken,
	cancel: cancelBankChange,
	page: (state, token) => <AnnulationPage state={state} token={token} />,
});
