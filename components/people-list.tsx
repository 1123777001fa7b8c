import Link from "next/link";

/** A short list of people, or a sentence saying there are none. */
export function PeopleList({
  people,
  empty,
  hrefFor,
}: {
  people: { id: string; name: string }[];
  empty: string;
  hrefFor?: (id: string) => string;
}) {
  if (people.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="list-disc pl-6">
      {people.map((p) => (
        <li key={p.id}>
          {hrefFor ? (
            <Link href={hrefFor(p.id)} className="text-blue-800 underline">
              {p.name}
            </Link>
          ) : (
            p.name
          )}
        </li>
      ))}
    </ul>
  );
}

/** A titled section listing people: who assesses a candidate, whom they named, and so on. */
export function PeopleSection(props: {
  id: string;
  title: string;
  people: { id: string; name: string }[];
  empty: string;
  hrefFor?: (id: string) => string;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className="mt-6">
      <h2 id={props.id} className="text-xl font-semibold">
        {props.title}
      </h2>
      <PeopleList people={props.people} empty={props.empty} hrefFor={props.hrefFor} />
      {props.children}
    </section>
  );
}
