import "./messages";
import { z } from "zod";
import { note } from "./assessment";

export const claimSchema = z
  .object({
    candidateId: z.uuid(),
    registrationId: z.uuid(),
    kind: z.enum(["UNITS", "QUALIFICATION"], { error: "Choose unit certification or the whole qualification." }),
    units: z
      .array(z.string().regex(/^[A-Za-z0-9]{1,8}(@[1-8])?$/))
      .max(200)
      .default([]),
    correctsId: z
      .union([z.uuid(), z.literal("")])
      .transform((v) => v || undefined)
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.kind === "UNITS" && d.units.length === 0)
      ctx.addIssue({ code: "custom", path: ["units"], message: "Tick the units to claim." });
  });
export type ClaimInput = z.input<typeof claimSchema>;

export const claimDecisionSchema = z
  .object({
    claimId: z.uuid(),
    outcome: z.enum(["AUTHORISED", "REFUSED"], { error: "Choose to authorise or refuse the claim." }),
    reasons: note("The reasons"),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === "REFUSED" && d.reasons === "")
      ctx.addIssue({ code: "custom", path: ["reasons"], message: "Give the reasons for refusing the claim." });
  });
export type ClaimDecisionInput = z.infer<typeof claimDecisionSchema>;

export const centreApprovalSchema = z.object({
  centreId: z.uuid({ error: "Choose a centre." }),
  specCode: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/),
  unitRef: z.string().regex(/^[A-Za-z0-9]{1,8}$/),
  approved: z.boolean(),
});

export const directClaimsSchema = z.object({
  centreId: z.uuid(),
  specCode: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/),
  granted: z.boolean(),
  reason: note("The reason", { required: "Give the reason." }),
});
