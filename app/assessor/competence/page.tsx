import { OwnCompetencePage } from "@/app/own-competence-page";

export const metadata = { title: "My competence record" };

export default function Page() {
  return <OwnCompetencePage area="assessor" />;
}
