/** A candidate's current registrations: the latest record per qualification code, from records newest first. */
export function latestPerQualification<T extends { spec: { code: string } }>(newestFirst: T[]): T[] {
  const current = new Map<string, T>();
  for (const r of newestFirst) if (!current.has(r.spec.code)) current.set(r.spec.code, r);
  return [...current.values()];
}
