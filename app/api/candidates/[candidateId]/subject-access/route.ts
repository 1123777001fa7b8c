// Everything held about a candidate, as a streamed ZIP (lib/server/personal-data/subject-access.ts): for the
// candidate, or an administrator of their centre who has confirmed their password recently (else
// they are sent to confirm it and come back here).
import { candidateZipRoute } from "@/lib/http/candidate-zip";
import { subjectAccessExport } from "@/lib/server/personal-data";

export const dynamic = "force-dynamic";

export const GET = candidateZipRoute(subjectAccessExport);
