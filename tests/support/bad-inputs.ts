// The bad-input catalogue's values (tests/unit and tests/integration bad-input-catalogue tests).
/** Values no field may take: each must be refused where it is given. */
export const ALWAYS_BAD: Record<string, unknown> = {
  "100,001 characters": "x".repeat(100_001),
  "a NUL byte": "call\u0000log",
  "a right-to-left override": "invoice\u202Efdp.exe",
  "half a surrogate pair": "call\uD800log",
  "a number": 42,
  "an object": { toString: "x" },
  null: null,
};
/** Hostile text that is still text: refused with a clear message, or accepted as it is. */
export const HOSTILE_TEXT: Record<string, string> = {
  SQL: `'; DROP TABLE "User"; --`,
  HTML: `<script>alert("x")</script><img src=x onerror=alert(1)>`,
  "a path": "../../../etc/passwd",
  "a spreadsheet formula": `=HYPERLINK("https://evil.example","Click")`,
  "unusual Unicode": "Zoë Ångström 👩🏽‍🔧 ﷽",
};
