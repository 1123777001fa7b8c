import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Pagination } from "@/components/pagination";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/record";
import { emailPreference, listNotifications } from "@/lib/server/notifications";
import { EMAIL_PREFERENCES } from "@/lib/validation/notifications";
import { emailPreferenceAction, markAllReadAction, openNotificationAction } from "./actions";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage(props: {
  searchParams: Promise<{ page?: string; unread?: string; missing?: string }>;
}) {
  const actor = await requireActor();
  const search = await props.searchParams;
  const unreadOnly = search.unread === "1";
  const [list, preference] = await Promise.all([
    listNotifications(actor, { page: parsePage(search.page), unread: unreadOnly }),
    emailPreference(actor),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        What is waiting for you: evidence to review, feedback, requests for testimony, samples and action points due,
        claims to authorise.
      </p>
      {search.missing === "1" && (
        <p role="alert" className="mt-3 text-red-800">
          That notification is not one of yours.
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
        <p>
          {list.unread === 0 ? "Nothing unread." : `${list.unread >= 100 ? "100 or more" : list.unread} unread.`}{" "}
          {unreadOnly ? (
            <Link href="/notifications">Show all</Link>
          ) : (
            <Link href="/notifications?unread=1">Show unread only</Link>
          )}
        </p>
        {list.unread > 0 && (
          <ActionForm action={markAllReadAction} label="Mark all read">
            <button type="submit" className="rounded border border-slate-400 px-3 py-1">
              Mark all read
            </button>
          </ActionForm>
        )}
      </div>
      {list.items.length === 0 ? (
        <p className="mt-4">{unreadOnly ? "No unread notifications." : "No notifications yet."}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-300" aria-label="Notifications">
          {list.items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 p-3 ${n.readAt ? "" : "bg-amber-50"}`}>
              <form action={openNotificationAction} className="min-w-0 flex-1">
                <input type="hidden" name="notificationId" value={n.id} />
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">
                  {NOTIFICATION_KINDS[n.kind as NotificationKind] ?? n.kind}
                  {!n.readAt && <span className="ml-2 rounded bg-amber-200 px-1 text-slate-900">New</span>}
                </p>
                <button type="submit" className="text-left text-blue-800 underline underline-offset-2">
                  {n.title}
                </button>
                <p className="text-sm text-slate-700">
                  <time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time>
                </p>
              </form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list} basePath="/notifications" params={{ unread: unreadOnly ? "1" : undefined }} />

      <section aria-labelledby="email-heading" className="mt-8 max-w-prose">
        <h2 id="email-heading" className="text-xl font-semibold">
          E-mail
        </h2>
        <p className="mt-1 text-slate-700">
          Notifications always appear here. Choose whether they also reach {actor.email} by e-mail.
        </p>
        <ActionForm action={emailPreferenceAction} label="E-mail preference" className="mt-3">
          <fieldset>
            <legend className="font-medium">Send me e-mail</legend>
            {Object.entries(EMAIL_PREFERENCES).map(([value, label]) => (
              <label key={value} className="mt-1 flex items-center gap-2">
                <input type="radio" name="preference" value={value} defaultChecked={preference === value} />
                {label}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="mt-3 rounded bg-slate-900 px-3 py-1 text-white">
            Save e-mail preference
          </button>
        </ActionForm>
      </section>
    </>
  );
}
