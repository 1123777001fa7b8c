// A candidate's portfolio as a streamed ZIP (lib/server/personal-data/portfolio-export.ts).
import { candidateZipRoute } from "@/lib/http/candidate-zip";
import { portfolioExport } from "@/lib/server/personal-data";

export const dynamic = "force-dynamic";

export const GET = candidateZipRoute(portfolioExport);
