/**
 * `npm run pictures`: the dashboard pictures the docs show, from the example stacks, as
 * `npm run plan` draws them (README: dev; docs/dashboard.md: prod, protect, and dev during a
 * bounce spike). Run it after a change to the dashboard, the preview or the example stacks;
 * tests/dashboardPreview.test.ts fails while docs/images/dashboard-dev.svg is not current.
 */
import * as fs from "fs";
import * as path from "path";
import { boundHeapGrowth, buildPlan } from "../plan";
import { PREVIEW_DEFAULTS, PreviewOptions } from "./previewTraffic";
import { plannedDashboardName, renderStackPreview } from "./writePreview";
import type { DashboardBody } from "./widgetData";

const ROOT = path.resolve(__dirname, "..", "..");
export const DOCS_IMAGES = path.join(ROOT, "docs", "images");

/** Each picture: its file under docs/images, the stack, and the traffic it replays. */
export const DOCS_PICTURES: { file: string; stack: string; options: PreviewOptions }[] = [
    { file: "dashboard-dev.svg", stack: "dev", options: PREVIEW_DEFAULTS },
    { file: "dashboard-prod.svg", stack: "prod", options: PREVIEW_DEFAULTS },
    { file: "dashboard-protect.svg", stack: "protect", options: PREVIEW_DEFAULTS },
    { file: "dashboard-dev-bounce-spike.svg", stack: "dev", options: { ...PREVIEW_DEFAULTS, scenario: "bounce-spike", incidentSet: "marketing" } },
];

async function main(): Promise<void> {
    fs.mkdirSync(DOCS_IMAGES, { recursive: true });
    const plans = new Map<string, Awaited<ReturnType<typeof buildPlan>>>();
    for (const picture of DOCS_PICTURES) {
        if (!plans.has(picture.stack)) plans.set(picture.stack, await buildPlan(ROOT, picture.stack));
        const planned = plans.get(picture.stack)!;
        const svg = await renderStackPreview(ROOT, picture.stack, planned.dashboardBody as DashboardBody, plannedDashboardName(planned.resources), picture.options);
        fs.writeFileSync(path.join(DOCS_IMAGES, picture.file), svg);
        process.stdout.write(`wrote docs/images/${picture.file}\n`);
    }
}

if (require.main === module) {
    boundHeapGrowth();
    main().catch((err) => {
        process.stderr.write(`pictures failed: ${err?.stack ?? err}\n`);
        process.exit(1);
    });
}
