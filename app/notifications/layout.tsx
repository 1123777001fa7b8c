// Notifications belong to the user, not to a role: framed by the user's first role area.
export { FirstAreaLayout as default } from "../area-layout";
