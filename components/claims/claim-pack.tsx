import { formatDate, formatDateTime } from "@/lib/domain/format";

/** The frozen claim pack as stored (format claim-pack/1). */
export type ClaimPack = {
  kind: "UNITS" | "QUALIFICATION";
  centre: { name: string; code: string } | null;
  candidate: { name: string; dateOfBirth: string | null };
  qualification: { code: string; title: string; version: string; awardingBody: string; specificationSha256: string };
  registration: { registeredOn: string; units: string[]; enrolmentNumber?: string | null; uln?: string | null };
  units: {
    entry: string;
    ref: string;
    title: string;
    credits: number | null;
    unitValue: number | null;
    signOff: {
      signedAt: string;
      assessor: string;
      candidateSignedAt: string | null;
      correctionReason?: string | null;
      earlierRecords?: {
        id: string;
        signed: boolean;
        signedAt: string;
        assessor: string;
        candidateSignedAt: string | null;
        reason: string | null;
        supersededAt: string;
      }[];
    };
    countersignedBy: string | null;
    internalVerification:
      | { outcome: "agreed"; iv: string; decidedAt: string; countersignedBy: string | null }
      | { outcome: "not selected"; samplingPlan?: { periodFrom: string; periodTo: string; madeBy: string } | null };
    evidence: { evidenceId: string; title: string; method: string; files: { name: string; sha256: string }[] }[];
  }[];
  raisedBy: string;
  raisedAt: string;
  /** The centre's audit chain head when the claim was raised (decision 0014); older packs have none. */
  auditHead?: { eventId: string; hash: string } | null;
};

const day = (iso: string) => formatDate(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

/** A claim pack, read-only, with its hash and whether the stored pack still matches it. */
export function ClaimPackView({ pack, sha256, intact }: { pack: ClaimPack; sha256: string; intact: boolean }) {
  return (
    <section aria-labelledby="pack-heading" className="mt-6">
      <h2 id="pack-heading" className="text-xl font-semibold">
        Claim pack
      </h2>
      <p className="mt-1 text-sm">
        SHA-256 of the pack: <span className="font-mono break-all">{sha256}</span>{" "}
        <strong className={intact ? "text-green-800" : "text-red-800"}>
          {intact ? "(the stored pack matches it)" : "(the stored pack does NOT match it)"}
        </strong>
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Candidate</dt>
        <dd>
          {pack.candidate.name}
          {pack.candidate.dateOfBirth && `, born ${day(pack.candidate.dateOfBirth)}`}
        </dd>
        <dt className="font-medium">Centre</dt>
        <dd>{pack.centre ? `${pack.centre.name} (${pack.centre.code})` : "—"}</dd>
        <dt className="font-medium">Qualification</dt>
        <dd>
          {pack.qualification.awardingBody} {pack.qualification.code} {pack.qualification.title}, version{" "}
          {pack.qualification.version}
        </dd>
        <dt className="font-medium">Registered</dt>
        <dd>{day(pack.registration.registeredOn)}</dd>
        <dt className="font-medium">Enrolment number</dt>
        <dd>{pack.registration.enrolmentNumber ?? "Not recorded"}</dd>
        <dt className="font-medium">Unique Learner Number</dt>
        <dd>{pack.registration.uln ?? "Not recorded"}</dd>
        <dt className="font-medium">Claim</dt>
        <dd>
          {pack.kind === "QUALIFICATION" ? "The whole qualification" : "Unit certification"}, raised by {pack.raisedBy}{" "}
          on {formatDateTime(new Date(pack.raisedAt))}
        </dd>
        {pack.auditHead && (
          <>
            <dt className="font-medium">Audit trail then</dt>
            <dd>
              event {pack.auditHead.eventId}, hash <span className="font-mono break-all">{pack.auditHead.hash}</span>
            </dd>
          </>
        )}
      </dl>
      <div className="mt-3 overflow-x-auto" role="region" aria-label="Units claimed" tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Units claimed, with their assessment, verification and evidence</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Unit
              </th>
              <th scope="col">Credits or value</th>
              <th scope="col">Assessor</th>
              <th scope="col">Internal verification</th>
              <th scope="col">Evidence files (SHA-256)</th>
            </tr>
          </thead>
          <tbody>
            {pack.units.map((u) => (
              <tr key={u.entry} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-2 font-normal">
                  {u.entry} {u.title}
                </th>
                <td>
                  {u.credits !== null
                    ? `${u.credits} credits`
                    : u.unitValue !== null
                      ? `${u.unitValue} unit value`
                      : "—"}
                </td>
                <td>
                  {u.signOff.assessor}, signed off {formatDateTime(new Date(u.signOff.signedAt))}
                  {u.countersignedBy && <span className="block">countersigned by {u.countersignedBy}</span>}
                  {u.signOff.candidateSignedAt && (
                    <span className="block">
                      candidate signed {formatDateTime(new Date(u.signOff.candidateSignedAt))}
                    </span>
                  )}
                  {u.signOff.correctionReason && (
                    <span className="block">a correction: {u.signOff.correctionReason}</span>
                  )}
                  {u.signOff.earlierRecords?.map((e) => (
                    <span key={e.id} className="block">
                      Earlier record: {e.signed ? "signed off" : "withdrawn"} by {e.assessor},{" "}
                      {formatDateTime(new Date(e.signedAt))}
                      {e.candidateSignedAt && `, candidate signed ${formatDateTime(new Date(e.candidateSignedAt))}`};
                      superseded {formatDateTime(new Date(e.supersededAt))}
                    </span>
                  ))}
                </td>
                <td>
                  {u.internalVerification.outcome === "agreed"
                    ? `Agreed by ${u.internalVerification.iv}, ${formatDateTime(new Date(u.internalVerification.decidedAt))}${u.internalVerification.countersignedBy ? `, countersigned by ${u.internalVerification.countersignedBy}` : ""}`
                    : u.internalVerification.samplingPlan
                      ? `Not selected by the sampling plan for ${day(u.internalVerification.samplingPlan.periodFrom)} to ${day(u.internalVerification.samplingPlan.periodTo)} (made by ${u.internalVerification.samplingPlan.madeBy})`
                      : "Not selected (the pack names no sampling plan)"}
                </td>
                <td>
                  {u.evidence.map((e) => (
                    <span key={e.evidenceId} className="block">
                      {e.title}:{" "}
                      {e.files.length === 0
                        ? "no files (an assessor's record)"
                        : e.files.map((f) => (
                            <span key={f.sha256 + f.name} className="block font-mono break-all">
                              {f.name} {f.sha256}
                            </span>
                          ))}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
