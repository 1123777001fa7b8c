export { FirstAreaLayout as default } from "../area-layout";
