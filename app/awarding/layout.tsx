import { areaLayout } from "../area-layout";

export default areaLayout("awarding");
