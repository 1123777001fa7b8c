import { TableRegion } from "@/components/table-region";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { ROLES, ROLE_LABEL } from "@/lib/domain/roles";
import { listUsers } from "@/lib/server/identity";
import { qualificationsWithoutPlan } from "@/lib/server/internal-verification";
import { listQuerySchema } from "@/lib/validation/user";

export const metadata = { title: "Users" };

export default async function AdminHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireArea("admin");
  const params = await searchParams;
  const { q, role } = listQuerySchema.parse({ q: params.q, role: params.role });
  const [users, unplanned] = await Promise.all([
    listUsers(actor, { page: parsePage(params.page), q, role }),
    qualificationsWithoutPlan(actor),
  ]);
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        <Link href="/admin/users/new" className="rounded bg-blue-800 px-3 py-2 text-white">
          Add a user
        </Link>
      </div>
      {unplanned.length > 0 && (
        <section aria-labelledby="unplanned-heading" className="mt-4 rounded border border-amber-400 bg-amber-50 p-3">
          <h2 id="unplanned-heading" className="text-lg font-semibold">
            No sampling plan for {unplanned.length === 1 ? "a qualification" : `${unplanned.length} qualifications`}{" "}
            with candidates
          </h2>
          <p className="mt-1 max-w-prose">
            Each assessor&apos;s work must be checked by an internal verifier. Units signed off on these qualifications
            cannot be claimed until an internal verifier samples them or makes a sampling plan whose period covers their
            sign-off:
          </p>
          <ul className="mt-1 list-disc pl-6">
            {unplanned.map((x) => (
              <li key={x.id}>
                {x.code} {x.title} (version {x.version})
              </li>
            ))}
          </ul>
        </section>
      )}
      <form role="search" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Name or email
          </label>
          <input id="q" name="q" defaultValue={q} className="rounded border border-slate-500 px-3 py-1" />
        </div>
        <div>
          <label htmlFor="role" className="block text-sm font-medium">
            Role
          </label>
          <select id="role" name="role" defaultValue={role ?? ""} className="rounded border border-slate-500 px-3 py-1">
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Filter</button>
      </form>
      <TableRegion label="Users of your centre">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Users of your centre ({users.total})</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Name
              </th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.items.map((u) => (
              <tr key={u.id} className="border-b border-slate-200">
                <td className="py-2">
                  <Link href={`/admin/users/${u.id}`} className="text-blue-800 underline">
                    {u.name}
                  </Link>
                </td>
                <td>{u.email}</td>
                <td>{u.roles.map((r) => ROLE_LABEL[r]).join(", ")}</td>
                <td>{u.active ? "Active" : "Deactivated"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="mt-2 text-sm text-slate-600">{users.total} users</p>
      <Pagination page={users} basePath="/admin" params={{ q, role }} />
    </>
  );
}
