"use server";
import { runPublicAction, type ActionState } from "@/lib/auth/action";
import { acceptInvitation } from "@/lib/server/witnesses";
import { acceptInvitationSchema } from "@/lib/validation/witness";

/** No session needed: the link's token is the credential, checked by acceptInvitation. */
export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { token: form.get("token"), password: form.get("password"), confirm: form.get("confirm") };
  return runPublicAction(acceptInvitationSchema, input, async (data) => {
    await acceptInvitation(data.token, { password: data.password });
    return "Your password is set. Sign in with your email address and the new password.";
  });
}
