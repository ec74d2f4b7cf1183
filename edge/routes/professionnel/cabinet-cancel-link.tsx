// The cancel link of a practice's bank-account change, e-mailed to the practice's address and to
// the account that asked (the flow is bank-change-cancel-link.tsx's).
import {
	cancelPracticeBankChange,
	PRACTICE_CANCEL_PATH,
	verifyPracticeCancelToken,
} from "../../../core/professionnel/bank-account.ts";
import { PracticeAnnulationPage } from "../../views/professionnel/compte-bancaire.tsx";
import { bankChangeCancelLinkRoutes } from "../bank-change-cancel-link.tsx";

export const practiceCancelLinkRoutes = bankChangeCancelLinkRoutes({
	path: PRACTICE_CANCEL_PATH,
	title: "Annuler un changement de compte bancaire",
	verify: verifyPracticeCancelToken,
	cancel: cancelPracticeBankChange,
	page: (state, token) => <PracticeAnnulationPage state={state} token={token} />,
});
