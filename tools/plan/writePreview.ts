/**
 * `npm run plan`'s dashboard picture: dashboard.svg (and dashboard.png where a font is found)
 * beside dashboard.json, from the stack's specs and a replayed day of the backtest's traffic.
 */
import * as fs from "fs";
import * as path from "path";
import { planSesMonitoring } from "../../components";
import { loadStackConfig, stackArgs } from "../stack";
import type { RegisteredResource } from "../pulumiMocks";
import { previewInput, renderDashboardSvg, svgToPng } from "./dashboardPreview";
import { checkPreviewOptions, PREVIEW_DEFAULTS, PreviewOptions, previewTraffic } from "./previewTraffic";
import type { DashboardBody } from "./widgetData";

export interface PreviewFiles {
    svg: string;
    /** Undefined when the PNG was not drawn: `pngSkipped` says why (no font found, or too tall). */
    png?: string;
    pngSkipped?: string;
}

/** The deployed dashboard's name as the plan registered it (its physical name). */
export function plannedDashboardName(resources: RegisteredResource[]): string {
    const dashboard = resources.find((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
    const name = dashboard?.inputs.dashboardName;
    return typeof name === "string" ? name : (dashboard?.name ?? "dashboard");
}

/** Renders the picture of the stack's dashboard body; the specs come from the stack's config, as the backtest reads them. */
export async function renderStackPreview(projectDir: string, stack: string, body: DashboardBody, dashboardName: string, options: Partial<PreviewOptions> = {}): Promise<string> {
    const config = loadStackConfig(projectDir, stack);
    const region = config.config["aws:region"];
    const plan = planSesMonitoring(stackArgs(config), { project: config.project, stack, region: typeof region === "string" ? region : undefined });
    const sets = plan.settings.configurationSets.map((s) => s.name);
    const traffic = previewTraffic(sets, plan.settings.namePrefix, { ...PREVIEW_DEFAULTS, ...options });
    return renderDashboardSvg(previewInput(body, dashboardName, plan, traffic));
}

/** `npm run plan`'s flags for the picture, in `util.parseArgs` form. */
export const PREVIEW_FLAGS = {
    "no-preview": { type: "boolean", default: false },
    "preview-scenario": { type: "string" },
    "preview-volume": { type: "string" },
    "preview-seed": { type: "string" },
    "preview-set": { type: "string" },
} as const;

export const PREVIEW_USAGE = "[--no-preview] [--preview-scenario NAME] [--preview-volume SENDS_A_DAY] [--preview-seed N] [--preview-set NAME]";

/** The preview's options from the parsed flags; undefined with --no-preview. Bad values throw, naming the flag. */
export function previewOptionsFrom(values: { "no-preview"?: boolean; "preview-scenario"?: string; "preview-volume"?: string; "preview-seed"?: string; "preview-set"?: string }): PreviewOptions | undefined {
    if (values["no-preview"]) return undefined;
    const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : text.trim() === "" ? NaN : Number(text));
    const options: PreviewOptions = {
        scenario: values["preview-scenario"] ?? PREVIEW_DEFAULTS.scenario,
        volumePerDay: number(values["preview-volume"], PREVIEW_DEFAULTS.volumePerDay),
        seed: number(values["preview-seed"], PREVIEW_DEFAULTS.seed),
        incidentSet: values["preview-set"],
    };
    // The sets are known once the stack is read: checked then.
    checkPreviewOptions({ ...options, incidentSet: undefined }, []);
    return options;
}

/** Renders the stack's dashboard body and writes the picture beside dashboard.json. */
export async function writeStackPreview(projectDir: string, stack: string, planned: { dashboardBody?: unknown; resources: RegisteredResource[] }, outDir: string, options: PreviewOptions): Promise<PreviewFiles | undefined> {
    if (planned.dashboardBody === undefined) return undefined;
    const svg = await renderStackPreview(projectDir, stack, planned.dashboardBody as DashboardBody, plannedDashboardName(planned.resources), options);
    return writeDashboardPreview(outDir, svg);
}

/** Writes dashboard.svg, and dashboard.png where it can, under `outDir`. */
export async function writeDashboardPreview(outDir: string, svg: string): Promise<PreviewFiles> {
    const files: PreviewFiles = { svg: path.join(outDir, "dashboard.svg") };
    fs.writeFileSync(files.svg, svg);
    const png = svgToPng(svg);
    const pngFile = path.join(outDir, "dashboard.png");
    if ("png" in png) {
        files.png = pngFile;
        fs.writeFileSync(files.png, png.png);
    } else {
        files.pngSkipped = png.skipped;
        // Never leave an earlier run's PNG beside a new SVG.
        fs.rmSync(pngFile, { force: true });
    }
    return files;
}
