import Link from "next/link";
import { Announcer } from "@/components/announcer";
import type { Area, Role } from "@/lib/domain/roles";
import { AREA_ROLE, ROLE_LABEL, areasFor } from "@/lib/domain/roles";
import { SignOutButton } from "./sign-out-button";

export interface NavItem {
  href: string;
  label: string;
}

/** Each area's navigation; the first item is the area's home. */
const CATALOGUE: NavItem = { href: "/catalogue", label: "Qualifications" };

export const AREA_NAV: Record<Area, [NavItem, ...NavItem[]]> = {
  candidate: [
    { href: "/candidate", label: "My portfolio" },
    { href: "/candidate/evidence", label: "Evidence" },
    { href: "/candidate/progress", label: "Progress" },
    { href: "/candidate/testimony", label: "Witness testimony" },
    CATALOGUE,
  ],
  assessor: [
    { href: "/assessor", label: "My candidates" },
    { href: "/assessor/countersign", label: "Countersigning" },
    { href: "/assessor/witnesses", label: "Expert witnesses" },
    { href: "/assessor/competence", label: "My competence" },
    CATALOGUE,
  ],
  witness: [{ href: "/witness", label: "Requests for testimony" }, CATALOGUE],
  iv: [
    { href: "/iv", label: "Dashboard" },
    { href: "/iv/plans", label: "Sampling plans" },
    { href: "/iv/samples", label: "Sampling" },
    { href: "/iv/countersign", label: "Countersigning" },
    { href: "/iv/standardisation", label: "Observations and standardisation" },
    { href: "/iv/witnesses", label: "Expert witness register" },
    { href: "/iv/audit", label: "Audit trail" },
    { href: "/iv/competence", label: "My competence" },
    CATALOGUE,
  ],
  ev: [{ href: "/ev", label: "My centres" }, { href: "/ev/claims", label: "Certificate claims" }, CATALOGUE],
  admin: [
    { href: "/admin", label: "Users" },
    { href: "/admin/users/new", label: "Add a user" },
    { href: "/admin/assessors", label: "Staff competence" },
    { href: "/admin/claims", label: "Certificate claims" },
    { href: "/admin/external-verification", label: "External verification" },
    { href: "/admin/audit", label: "Audit trail" },
    { href: "/admin/witnesses", label: "Expert witness register" },
    CATALOGUE,
  ],
  awarding: [
    { href: "/awarding", label: "External verifiers" },
    { href: "/awarding/verifiers/new", label: "Add an external verifier" },
    { href: "/awarding/approvals", label: "Centre approvals" },
    CATALOGUE,
    { href: "/awarding/catalogue/import", label: "Import a specification" },
    { href: "/awarding/units", label: "Unit content" },
  ],
};

export function areaHome(area: Area): string {
  return AREA_NAV[area][0].href;
}

/** The frame of every signed-in page: who you are, which role you are working as, its navigation. */
export function AppShell(props: {
  area: Area;
  userName: string;
  roles: Role[];
  /** Unread notifications (the count stops at 100). */
  unread: number;
  children: React.ReactNode;
}) {
  const areas = areasFor(props.roles);
  return (
    <>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/" className="font-semibold">
            NVQ e-portfolio
          </Link>
          <span className="text-sm text-slate-300">
            Signed in as <span className="text-white">{props.userName}</span>
          </span>
          {areas.length > 1 && (
            <nav aria-label="Switch role" className="flex flex-wrap gap-1">
              {areas.map((area) => (
                <Link
                  key={area}
                  href={areaHome(area)}
                  aria-current={area === props.area ? "page" : undefined}
                  className={`rounded px-2 py-1 text-sm ${area === props.area ? "bg-white text-slate-900" : "hover:bg-white/10"}`}
                >
                  {ROLE_LABEL[AREA_ROLE[area]]}
                </Link>
              ))}
            </nav>
          )}
          <div className="ml-auto flex items-center gap-3">
            <Link
              href="/notifications"
              aria-label={
                props.unread === 0
                  ? "Notifications, none unread"
                  : `Notifications, ${props.unread >= 100 ? "100 or more" : props.unread} unread`
              }
              className="rounded px-2 py-1 text-sm hover:bg-white/10"
            >
              Notifications
              {props.unread > 0 && (
                <span
                  aria-hidden="true"
                  data-testid="unread-count"
                  className="ml-1 rounded-full bg-amber-300 px-2 font-semibold text-slate-900"
                >
                  {props.unread >= 100 ? "99+" : props.unread}
                </span>
              )}
            </Link>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label={`${ROLE_LABEL[AREA_ROLE[props.area]]} navigation`} className="bg-slate-800">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-4 gap-y-1 px-4 py-2 text-sm">
            {AREA_NAV[props.area].map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="underline-offset-4 hover:underline">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6">
        <Announcer />
        {props.children}
      </main>
    </>
  );
}
