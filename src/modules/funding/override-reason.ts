import { AppError } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import type { RecordFlowInput } from "./flows.schema.ts";
import { canOverrideCommitment } from "./funding.policy.ts";
import { OVERRIDE_REQUEST_ROUTE } from "./ledger-invariant.ts";

/**
 * A partner no longer excuses its own over-disbursement with a reason it types: the reason is
 * refused before anything is read or written, pointing to the request the secretariat
 * decides. The secretariat and the platform give one as before.
 */
export function assertOwnReasonAllowed(input: RecordFlowInput, principal: Principal): void {
  if (!input.over_commitment_reason || canOverrideCommitment(principal).allowed) return;
  throw new AppError(
    "unprocessable",
    `Reason for exceeding the commitment: only the secretariat records a disbursement above its commitment; ask it for an override: POST ${OVERRIDE_REQUEST_ROUTE}.`,
    {
      details: [
        {
          path: "over_commitment_reason",
          message: "is given by the secretariat only; ask it for an override",
          rule: { code: "override_by_secretariat" },
        },
      ],
      reason: "override_by_secretariat",
      values: { request_route: OVERRIDE_REQUEST_ROUTE },
    },
  );
}
