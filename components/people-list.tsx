import Link from "next/link";

/** A short list of people, or a sentence saying there are none. */
export function PeopleList({ people, empty, hrefFor }: { people: { id: string; name: string }[]; empty: string; hrefFor?: (id: string) => string }) {
  if (people.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="list-disc pl-6">
      {people.map((p) => (
        <li key={p.id}>{hrefFor ? <Link href={hrefFor(p.id)} className="text-blue-800 underline">{p.name}</Link> : p.name}</li>
      ))}
    </ul>
  );
}
