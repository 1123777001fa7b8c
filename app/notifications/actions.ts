"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { markAllRead, openNotification, setEmailPreference } from "@/lib/server/notifications";
import { emailPreferenceSchema, markAllReadSchema, notificationIdSchema } from "@/lib/validation/notifications";

/** Opens a notification: marks it read, then goes where it points (always a path of this site). */
export async function openNotificationAction(form: FormData): Promise<void> {
  let href = "";
  const state = await runAction(
    notificationIdSchema,
    { notificationId: form.get("notificationId") },
    async (actor, data) => {
      href = await openNotification(actor, data.notificationId);
    },
  );
  redirect(state.ok ? href : "/notifications?missing=1");
}

export async function markAllReadAction(): Promise<ActionState> {
  const state = await runAction(markAllReadSchema, {}, async (actor) => {
    const n = await markAllRead(actor);
    return n === 0 ? "Nothing was unread." : `Marked ${n} notification${n === 1 ? "" : "s"} read.`;
  });
  revalidatePath("/", "layout");
  return state;
}

export async function emailPreferenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(emailPreferenceSchema, { preference: form.get("preference") }, async (actor, data) => {
    await setEmailPreference(actor, data.preference);
    return "E-mail preference saved.";
  });
  revalidatePath("/notifications");
  return state;
}
