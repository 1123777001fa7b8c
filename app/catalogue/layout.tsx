// The catalogue is shared by every role: it is framed by the user's first role area.
export { FirstAreaLayout as default } from "../area-layout";
