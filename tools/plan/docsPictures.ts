/**
 * `npm run pictures`: the pictures the docs show, as `npm run plan` draws them: the dashboards of
 * the example stacks (README: dev; docs/dashboard.md: prod, protect, and dev during a bounce
 * spike) and the coverage of each recipe's stack (docs/recipes.md). Run it after a change to the
 * dashboard, the preview, the alarm defaults or the example and recipe stacks;
 * tests/dashboardPreview.test.ts fails while docs/images/dashboard-dev.svg is not current, and
 * tests/recipes.test.ts while a recipe's picture is not.
 */
import * as fs from "fs";
import * as path from "path";
import { boundHeapGrowth, buildPlan } from "../plan";
import { coverageChartSvg } from "./coverageChart";
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

/** The recipes of docs/recipes.md: stack `recipe-<name>`, its coverage picture `docs/recipes/<name>-coverage.svg`. */
export const RECIPES = ["transactional", "newsletter", "multi-tenant", "low-volume"];
export const DOCS_RECIPES = path.join(ROOT, "docs", "recipes");

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
    for (const recipe of RECIPES) {
        const stack = `recipe-${recipe}`;
        const { coverage } = (await buildPlan(ROOT, stack)).plan;
        if (!coverage || coverage.status === "unknown") throw new Error(`${stack} has no traffic profile`);
        fs.writeFileSync(path.join(DOCS_RECIPES, `${recipe}-coverage.svg`), await coverageChartSvg(stack, coverage));
        process.stdout.write(`wrote docs/recipes/${recipe}-coverage.svg\n`);
    }
}

if (require.main === module) {
    boundHeapGrowth();
    main().catch((err) => {
        process.stderr.write(`pictures failed: ${err?.stack ?? err}\n`);
        process.exit(1);
    });
}
