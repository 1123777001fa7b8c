/** Lets a wide table scroll sideways on a phone instead of widening the page. Focusable so
 * keyboard users can scroll it too. */
export function TableRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mt-4 overflow-x-auto">
      {children}
    </div>
  );
}
