// The demo centre the quick start shows. Every demo account has the same password (README).
import type { Role } from "../lib/domain/roles";

export const DEMO_PASSWORD = "portfolio-demo-2026";

export interface DemoUser {
  key: string;
  name: string;
  email: string;
  roles: Role[];
  /** Null for platform accounts (the awarding body's administrator and external verifiers). */
  centre: "northgate" | "riverside" | null;
  /** For EVs: the centres they verify. */
  verifies?: ("northgate" | "riverside")[];
  /** Candidates: date of birth (C&G 3412-04 and -05 have minimum ages). */
  dateOfBirth?: string;
  /** Assessors and IVs: when they started at the centre (the sampling plan's "new to the centre"). */
  startedAtCentre?: string;
}

export const DEMO_CENTRES = {
  northgate: { code: "C10001", name: "Northgate College" },
  riverside: { code: "C20002", name: "Riverside Training Ltd" },
} as const;

export const DEMO_USERS: DemoUser[] = [
  { key: "admin", name: "Priya Patel", email: "admin@northgate.example", roles: ["CENTRE_ADMIN"], centre: "northgate" },
  {
    key: "assessor",
    name: "Amira Shah",
    email: "assessor@northgate.example",
    roles: ["ASSESSOR"],
    centre: "northgate",
    startedAtCentre: "2012-09-03",
  },
  {
    key: "assessor2",
    name: "Tom Okafor",
    email: "assessor2@northgate.example",
    roles: ["ASSESSOR"],
    centre: "northgate",
    startedAtCentre: "2026-09-01",
  },
  // An IV who also assesses: the case the IV rules ("never verify your own decisions") are about.
  {
    key: "iv",
    name: "Gareth Evans",
    email: "iv@northgate.example",
    roles: ["INTERNAL_VERIFIER", "ASSESSOR"],
    centre: "northgate",
    startedAtCentre: "2014-01-06",
  },
  // A second IV, working towards the verifier units: her verifications count once Gareth (qualified)
  // countersigns them, and she takes the units Gareth assessed.
  {
    key: "iv2",
    name: "Nadia Rahman",
    email: "iv2@northgate.example",
    roles: ["INTERNAL_VERIFIER"],
    centre: "northgate",
    startedAtCentre: "2026-10-05",
  },
  // Appointed by the awarding body, so no centre's administrator controls the account.
  {
    key: "ev",
    name: "Helen McAllister",
    email: "ev@awarding.example",
    roles: ["EXTERNAL_VERIFIER"],
    centre: null,
    verifies: ["northgate", "riverside"],
  },
  {
    key: "ab-admin",
    name: "Olivia Bennett",
    email: "admin@awarding.example",
    roles: ["AWARDING_BODY_ADMIN"],
    centre: null,
  },
  {
    key: "witness",
    name: "Sarah Collins",
    email: "witness@northgate.example",
    roles: ["EXPERT_WITNESS"],
    centre: "northgate",
  },
  {
    key: "candidate",
    name: "Jordan Reid",
    email: "candidate@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "2002-07-09",
  },
  {
    key: "c2",
    name: "Aisha Begum",
    email: "aisha.begum@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "2004-03-18",
  },
  {
    key: "c3",
    name: "Liam O'Connor",
    email: "liam.oconnor@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "2008-02-10",
  },
  {
    key: "c4",
    name: "Chloe Williams",
    email: "chloe.williams@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "2003-05-30",
  },
  {
    key: "c5",
    name: "Mohammed Hussain",
    email: "mohammed.hussain@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "1995-08-02",
  },
  {
    key: "c7",
    name: "Grace Thompson",
    email: "grace.thompson@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "1998-11-23",
  },
  {
    key: "c6",
    name: "Emily Clarke",
    email: "emily.clarke@northgate.example",
    roles: ["CANDIDATE"],
    centre: "northgate",
    dateOfBirth: "1999-04-21",
  },
  {
    key: "r-admin",
    name: "Daniel Hughes",
    email: "admin@riverside.example",
    roles: ["CENTRE_ADMIN"],
    centre: "riverside",
  },
  {
    key: "r-assessor",
    name: "Fiona Grant",
    email: "assessor@riverside.example",
    roles: ["ASSESSOR", "INTERNAL_VERIFIER"],
    centre: "riverside",
    startedAtCentre: "2014-05-12",
  },
  {
    key: "r-candidate",
    name: "Kieran Walsh",
    email: "candidate@riverside.example",
    roles: ["CANDIDATE"],
    centre: "riverside",
    dateOfBirth: "1990-02-17",
  },
];

/** [candidate, assessor] */
export const DEMO_ASSIGNMENTS: [string, string][] = [
  ["candidate", "assessor"],
  ["c2", "assessor"],
  ["c3", "assessor"],
  ["c7", "assessor"],
  ["c4", "assessor2"],
  // A qualified assessor alongside Tom Okafor, who is working towards the assessor units: she countersigns his decisions.
  ["c4", "assessor"],
  ["c5", "iv"],
  ["r-candidate", "r-assessor"],
];

/** [candidate, witness]; c6 deliberately has neither assessor nor witness. */
export const DEMO_NOMINATIONS: [string, string][] = [
  ["candidate", "witness"],
  ["c2", "witness"],
];

/** Demo registrations: [candidate key, qualification code, version, registered on, units, registered by]. */
export const DEMO_REGISTRATIONS: [string, string, string, string, string[], string][] = [
  // Units with published criteria wherever the rules of combination allow (every selection here is
  // valid), so each can be completed. Jordan keeps unit 208, which the handbook lists by title only:
  // it shows the "not yet assessable" state until the awarding body publishes its criteria.
  ["candidate", "3412-03", "3.0", "2025-09-01", ["101", "201", "202", "203", "204", "208", "205"], "admin"],
  ["c7", "3412-03", "3.0", "2025-09-08", ["101", "201", "202", "203", "204", "205", "206"], "admin"],
  ["c4", "3412-03", "3.0", "2025-09-08", ["101", "201", "202", "203", "204", "205", "206"], "admin"],
  // Gareth Evans's candidate: what Gareth judges, Gareth never verifies (the IV journey in e2e).
  ["c5", "3412-03", "3.0", "2025-09-15", ["101", "201", "202", "203", "204", "205", "206"], "admin"],
  ["c2", "3412-04", "3.0", "2025-10-06", ["101", "301", "302", "303", "309", "310", "619", "411"], "admin"],
  // No OCR unit has published content yet, so no selection can: the awarding body publishes it.
  ["r-candidate", "03448", "2009", "2025-11-03", ["AA@2", "BB@1", "CC@2", "DD@2", "EE@2", "FF@2"], "r-admin"],
];

/** Demo evidence: [candidate key, title, method, activity date, file name, file text, criteria of their registration]. */
export const DEMO_EVIDENCE: [string, string, "PRODUCT" | "OBSERVATION", string, string, string, string[]][] = [
  [
    "candidate",
    "Health and safety induction notes",
    "PRODUCT",
    "2025-09-15",
    "induction-notes.txt",
    "Induction, 15 September 2025.\nFire exits, first aid, display screen equipment checks and how to report hazards.\n",
    ["101:1.1", "101:2.1"],
  ],
  [
    "c5",
    "Call handling log, week 41",
    "PRODUCT",
    "2026-10-09",
    "call-log-week-41.txt",
    "Call handling log, week 41.\nTwelve inbound calls; two complaints escalated to the team leader as the procedure says.\n",
    ["101:1.1", "101:1.2", "101:1.3"],
  ],
];

/** Staff competence: [user key, role, status, award, achieved on, certificate number, occupational competence]. */
export const DEMO_COMPETENCE: [
  string,
  "ASSESSOR" | "INTERNAL_VERIFIER",
  "QUALIFIED" | "WORKING_TOWARDS",
  string,
  string | null,
  string | null,
  string,
][] = [
  [
    "assessor",
    "ASSESSOR",
    "QUALIFIED",
    "D32",
    "2012-06-15",
    "D32/448812",
    "Eight years as a contact centre team leader; City & Guilds 3412 assessor since 2013.",
  ],
  ["iv", "ASSESSOR", "QUALIFIED", "A1", "2015-03-02", "A1/771203", "Former contact centre operations manager."],
  [
    "iv",
    "INTERNAL_VERIFIER",
    "QUALIFIED",
    "D34",
    "2016-09-12",
    "D34/220871",
    "Former contact centre operations manager; internal verifier for C&G 3412 since 2016.",
  ],
  [
    "iv2",
    "INTERNAL_VERIFIER",
    "WORKING_TOWARDS",
    "TAQA-IQA",
    null,
    null,
    "Quality manager of a 200-seat contact centre; started the TAQA IQA award in October 2026.",
  ],
  [
    "r-assessor",
    "ASSESSOR",
    "QUALIFIED",
    "TAQA-CAVA",
    "2019-11-20",
    "CAVA/2019/5521",
    "Customer service manager, twelve years.",
  ],
  [
    "r-assessor",
    "INTERNAL_VERIFIER",
    "QUALIFIED",
    "TAQA-IQA",
    "2021-04-08",
    "IQA/2021/0912",
    "Customer service manager, twelve years.",
  ],
  [
    "assessor2",
    "ASSESSOR",
    "WORKING_TOWARDS",
    "TAQA-CAVA",
    null,
    null,
    "Five years as a senior customer adviser; started the CAVA in September 2026.",
  ],
];
